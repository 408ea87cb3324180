/**
 * The decoder keeps block 0's first bytes for the prime lean (block-codec.ts
 * PrimeKeeper): decoded up to the default prime's length, and copies of the
 * records beyond. A longer prime (the encoder's primeBytes option) is
 * decoded again from those records: these streams take that path, through
 * the one-call API and both stream forms, with the writer reusing its
 * buffer after each write (the records must be copies, not views).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync, createDecompressor, decompressSync } from '../../src/index';
import { DEFAULT_PRIME_BYTES, PrimeKeeper } from '../../src/coder/block-codec';
import { BLOCKS_VERSION, FRAME_STORED } from '../../src/format/container';
import { resolveCompressOptions } from '../../src/options';
import { logText } from './helpers';

/** Writes `packed` through a decompressor in 16 KiB pieces of one buffer, overwritten once each write is taken. */
async function decodeReusingInput(packed: Buffer, threads: number): Promise<Buffer> {
  const d = createDecompressor({ threads });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(Buffer.from(b)));
  const done = new Promise<void>((resolve, reject) => {
    d.on('end', resolve);
    d.on('error', reject);
  });
  const piece = Buffer.alloc(16 << 10);
  for (let at = 0; at < packed.length; at += piece.length) {
    const n = packed.copy(piece, 0, at);
    await new Promise<void>((resolve, reject) => d.write(piece.subarray(0, n), (err?: Error | null) => (err ? reject(err) : resolve())));
    piece.fill(0xa5);
  }
  d.end();
  await done;
  return Buffer.concat(out);
}

describe('prime keeper', () => {
  it('a prime longer than the default is decoded again, the same bytes every way', async () => {
    const data = logText(1_700_000, 7);
    const primeBytes = DEFAULT_PRIME_BYTES + 100_000;
    const packed = compressSync(data, { level: 1, tableBits: 10, frameSize: 64 << 10, blockBytes: 1_300_000, primeBytes });
    assert.ok(decompressSync(packed).equals(data), 'decompressSync');
    assert.ok((await decodeReusingInput(packed, 1)).equals(data), 'stream, one thread');
    assert.ok((await decodeReusingInput(packed, 2)).equals(data), 'stream, two threads');
  });

  it('the default prime is a view of what was kept, and a prime longer than block 0 is corrupt', () => {
    const { params } = resolveCompressOptions({ level: 1, tableBits: 10 });
    const keeper = new PrimeKeeper(BLOCKS_VERSION, params);
    const a = Buffer.from('first frame\n');
    const b = Buffer.from('second frame\n');
    keeper.take(a, { type: FRAME_STORED, payload: a, rawLength: a.length });
    keeper.take(b, { type: FRAME_STORED, payload: b, rawLength: b.length });
    assert.equal(keeper.length, a.length + b.length);
    assert.equal(Buffer.from(keeper.prime(15, a.length + b.length)).toString(), 'first frame\nsec');
    const short = new PrimeKeeper(BLOCKS_VERSION, params);
    short.take(a, { type: FRAME_STORED, payload: a, rawLength: a.length });
    assert.throws(() => short.prime(a.length + 1, 1000), { code: 'ERR_NNZIP_CORRUPT' });
  });
});
