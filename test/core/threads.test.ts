/**
 * Every core (issue 11, item 2): the `threads` option. The output never
 * depends on it: the compressor writes the single-threaded bytes whatever
 * the count and wherever flush() is called, the decompressor gives the same
 * bytes, and on damaged input the same verified prefix and the same error.
 * Blocks here are tiny (the advanced blockBytes / primeBytes options) so
 * that a few hundred kB make many of them; tables are small so that each
 * block's fresh model starts fast.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { compress, compressSync, createCompressor, createDecompressor, decompress, decompressSync } from '../../src/index';
import type { CompressOptions } from '../../src/index';
import { chunk, runStream } from '../reliability/helpers';
import { walk } from './crafted';
import { logText, Rng } from './helpers';

const SMALL: CompressOptions = { level: 1, tableBits: 12, frameSize: 3000, blockBytes: 20_000, primeBytes: 5000 };
const TEXT = Buffer.concat([logText(80_000, 3), new Rng(5).bytes(6000), logText(40_000, 4)]);
const PACKED = compressSync(TEXT, SMALL);
const THREADS = [1, 2, 4];

/** The byte ranges of a stream's blocks (block k >= 1 from its block record on), by the container reader. */
function blockRanges(stream: Buffer): Array<{ from: number; to: number }> {
  const records = walk(stream);
  const starts = [records.find((r) => r.record.kind === 'frame')!.at];
  for (const r of records) if (r.record.kind === 'frame' && r.record.block !== undefined) starts.push(r.at);
  const tailAt = records.find((r) => r.record.kind === 'end')!.at;
  return starts.map((from, i) => ({ from, to: i + 1 < starts.length ? starts[i + 1] : tailAt }));
}

/** Writes `data` in `size`-byte chunks, calling flush() (and waiting for it) after the chunks listed in `flushAfter`. */
async function compressWithFlushes(data: Buffer, options: CompressOptions, size: number, flushAfter: number[]): Promise<Buffer> {
  const c = createCompressor(options);
  const parts: Buffer[] = [];
  c.on('data', (b: Buffer) => parts.push(b));
  const ended = new Promise((resolve, reject) => {
    c.on('end', resolve);
    c.on('error', reject);
  });
  for (let i = 0, n = 0; i < data.length; i += size, n++) {
    if (!c.write(data.subarray(i, i + size))) await new Promise((r) => c.once('drain', r));
    if (flushAfter.includes(n)) await new Promise<void>((resolve, reject) => c.flush((err) => (err ? reject(err) : resolve())));
  }
  c.end();
  await ended;
  return Buffer.concat(parts);
}

describe('threads: the option', () => {
  it('takes an integer from 0 (every core) to 256, in every direction and API', async () => {
    for (const threads of [0, 1, 3, 256]) {
      assert.ok(compressSync('x\n', { threads }).equals(compressSync('x\n')));
      createCompressor({ threads }).destroy();
      createDecompressor({ threads }).destroy();
    }
    for (const threads of [-1, 1.5, 257, '2', null, NaN]) {
      const bad = { threads } as unknown as CompressOptions;
      for (const call of [() => createCompressor(bad), () => createDecompressor(bad), () => compressSync('x', bad), () => decompressSync(PACKED, bad)]) {
        assert.throws(call, { code: 'ERR_NNZIP_INVALID_OPTION' }, `threads: ${String(threads)}`);
      }
      await assert.rejects(compress('x', bad), { code: 'ERR_NNZIP_INVALID_OPTION' });
      await assert.rejects(decompress(PACKED, bad), { code: 'ERR_NNZIP_INVALID_OPTION' });
    }
  });
});

describe('threads: compression', () => {
  it('writes the single-threaded bytes for 1, 2 and 4 threads, in every API and chunking', async () => {
    assert.ok(blockRanges(PACKED).length >= 6, `${blockRanges(PACKED).length} blocks`);
    for (const threads of THREADS) {
      const o = { ...SMALL, threads };
      assert.ok((await compress(TEXT, o)).equals(PACKED), `promise, ${threads} threads`);
      if (threads === 1) continue;
      const viaCallback = await new Promise<Buffer>((resolve, reject) => compress(TEXT, o, (err, out) => (err ? reject(err) : resolve(out!))));
      assert.ok(viaCallback.equals(PACKED), `callback, ${threads} threads`);
      const r = await runStream(createCompressor(o), chunk(TEXT, [997]));
      assert.equal(r.error, null);
      assert.ok(r.output.equals(PACKED), `stream in chunks of 997, ${threads} threads`);
    }
  });

  it('writes the same bytes for inputs of no block, one block, and one frame past it', async () => {
    for (const size of [0, 1, 19_999, 20_000, 23_000, 23_001, 41_000]) {
      const data = logText(size, 7);
      const ref = compressSync(data, SMALL);
      for (const threads of [2, 4]) assert.ok((await compress(data, { ...SMALL, threads })).equals(ref), `${size} bytes, ${threads} threads`);
    }
  });

  it('flush() gives the same bytes before and after the stream went parallel', async () => {
    // Chunks of 4000 bytes: flushes in block 0 (one thread from then on), and after several blocks (workers first, then this thread).
    for (const flushAfter of [[2], [12, 13, 25]]) {
      const ref = await compressWithFlushes(TEXT, { ...SMALL, threads: 1 }, 4000, flushAfter);
      assert.ok(decompressSync(ref).equals(TEXT));
      for (const threads of [2, 4]) {
        const out = await compressWithFlushes(TEXT, { ...SMALL, threads }, 4000, flushAfter);
        assert.ok(out.equals(ref), `flush after chunks ${flushAfter}, ${threads} threads`);
      }
    }
  });

  it('a paused consumer stops the input within a few blocks', async () => {
    let pulled = 0;
    const source = new Readable({
      read() {
        pulled += 4096;
        this.push(pulled > 4_000_000 ? null : logText(4096, pulled));
      },
    });
    const c = createCompressor({ ...SMALL, threads: 2 });
    source.pipe(c);
    let last = -1;
    while (last !== pulled) {
      last = pulled;
      await new Promise((r) => setTimeout(r, 300));
    }
    // Block 0 gathered, threads + 1 blocks held, and the pipes' buffers (32 KiB of output: here ~20 blocks' worth).
    assert.ok(pulled < 1_000_000, `pulled ${pulled} bytes ahead of a paused consumer`);
    source.unpipe(c);
    source.destroy();
    c.destroy();
  });
});

describe('threads: decompression', () => {
  const streams = Buffer.concat([PACKED, compressSync(TEXT.subarray(0, 9000), SMALL), PACKED]);
  const expected = Buffer.concat([TEXT, TEXT.subarray(0, 9000), TEXT]);

  it('decodes with 1, 2 and 4 threads, one stream or several, in any chunking', async () => {
    for (const threads of THREADS) {
      assert.ok((await decompress(PACKED, { threads })).equals(TEXT), `${threads} threads`);
      assert.ok((await decompress(streams, { threads })).equals(expected), `concatenated, ${threads} threads`);
      const r = await runStream(createDecompressor({ threads }), chunk(streams, [1000]));
      assert.equal(r.error, null);
      assert.ok(r.output.equals(expected), `chunks of 1000, ${threads} threads`);
    }
  });

  it('a reader that does not read holds the input within the stream being decoded', async () => {
    let pulled = 0;
    let i = 0;
    const copies = 40;
    const source = new Readable({
      read() {
        if (i++ === copies) this.push(null);
        else {
          pulled += PACKED.length;
          this.push(PACKED);
        }
      },
    });
    const d = createDecompressor({ threads: 2 });
    source.pipe(d);
    let last = -1;
    while (last !== pulled) {
      last = pulled;
      await new Promise((r) => setTimeout(r, 300));
    }
    // The stream being decoded, the next one's first chunk, and the pipes' buffers.
    assert.ok(pulled <= 4 * PACKED.length, `pulled ${pulled} bytes (${pulled / PACKED.length} streams) ahead of a paused reader`);
    source.unpipe(d);
    source.destroy();
    d.destroy();
  });

  it('trailing data is copied or ignored after the last block, as with one thread', async () => {
    const tail = Buffer.from('not a stream\n');
    const threads = 2;
    assert.ok((await decompress(Buffer.concat([PACKED, tail]), { threads, trailing: 'copy' })).equals(Buffer.concat([TEXT, tail])));
    assert.ok((await decompress(Buffer.concat([PACKED, tail]), { threads, trailing: 'ignore' })).equals(TEXT));
    await assert.rejects(decompress(Buffer.concat([PACKED, tail]), { threads }), { code: 'ERR_NNZIP_TRAILING_GARBAGE' });
  });

  /** Decodes `damaged` as a stream with each thread count: the same prefix of the original, then the same error. */
  async function sameFailure(damaged: Buffer, what: string, options: { maxOutputLength?: number } = {}): Promise<number> {
    const outcomes = [];
    for (const threads of THREADS) {
      const r = await runStream(createDecompressor({ ...options, threads }), chunk(damaged, [5000]));
      assert.notEqual(r.error, null, `${what}: ${threads} threads decoded it`);
      assert.ok(TEXT.subarray(0, r.output.length).equals(r.output), `${what}: ${threads} threads released bytes that are not the original's`);
      const e = r.error as { code?: string; message: string };
      outcomes.push({ length: r.output.length, code: e.code, message: e.message });
    }
    for (const o of outcomes.slice(1)) assert.deepEqual(o, outcomes[0], what);
    return outcomes[0].length;
  }

  it('an error in a middle block comes after the blocks before it, as with one thread', async () => {
    const blocks = blockRanges(PACKED);
    for (const k of [1, blocks.length - 2]) {
      const damaged = Buffer.from(PACKED);
      damaged[blocks[k].from + 40] ^= 0x10;
      const released = await sameFailure(damaged, `block ${k} damaged`);
      assert.ok(released > 0 || k === 0);
    }
  });

  it('blocks out of place fail their check; the bytes before them come out', async () => {
    const b = blockRanges(PACKED);
    const part = (i: number) => PACKED.subarray(b[i].from, b[i].to);
    const swapped = Buffer.concat([PACKED.subarray(0, b[2].from), part(3), part(2), PACKED.subarray(b[3].to)]);
    const released = await sameFailure(swapped, 'blocks 2 and 3 swapped');
    assert.ok(released >= 2 * 20_000);
    const dropped = Buffer.concat([PACKED.subarray(0, b[2].from), PACKED.subarray(b[3].from)]);
    await sameFailure(dropped, 'block 2 dropped');
  });

  it('maxOutputLength stops in the middle of a block, as with one thread', async () => {
    for (const limit of [70_000]) {
      const n = await sameFailure(PACKED, `limit ${limit}`, { maxOutputLength: limit });
      assert.ok(n <= limit);
    }
  });

  it('a truncated stream gives its complete frames, then the error', async () => {
    await sameFailure(PACKED.subarray(0, Math.floor(PACKED.length * 0.7)), 'truncated');
  });
});

describe('threads: workers', () => {
  const lib = path.join(__dirname, '..', '..', 'src', 'index.js');
  const child = (body: string) => {
    const r = spawnSync(process.execPath, ['-e', `const n = require(${JSON.stringify(lib)});\n${body}`], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };

  it('a decompressor of more than one thread has the threaded decoding stage', () => {
    const stage = (threads: number) => (createDecompressor({ threads }) as unknown as { _readable: object })._readable.constructor.name;
    assert.equal(stage(1), 'DecodeStage');
    assert.equal(stage(2), 'ThreadedDecodeStage');
  });

  it('start only once a stream has a second block', () => {
    const loaded = "Object.keys(require.cache).some((k) => k.endsWith('parallel' + require('path').sep + 'pool.js'))";
    const out = child(`
      const o = ${JSON.stringify(SMALL)};
      const one = Buffer.from('x'.repeat(99) + '\\n').toString().repeat(150);
      (async () => {
        const p = await n.compress(one, { ...o, threads: 4 });
        await n.decompress(p, { threads: 4 });
        const before = ${loaded};
        const two = await n.compress(one.repeat(3), { ...o, threads: 4 });
        await n.decompress(two, { threads: 4 });
        console.log(before, ${loaded});
      })();`);
    assert.equal(out, 'false true');
  });

  it('destroy() mid-way terminates them: the process exits by itself', () => {
    const out = child(`
      const o = ${JSON.stringify(SMALL)};
      const data = Buffer.from(Array.from({ length: 20000 }, (_, i) => 'line ' + i + ' of the log ' + (i * 7919 % 1000) + '\\n').join(''));
      const packed = n.compressSync(data, o);
      let closed = 0;
      for (const s of [n.createCompressor({ ...o, threads: 2 }), n.createDecompressor({ threads: 2 })]) {
        s.once('data', () => s.destroy());
        s.on('close', () => closed++);
        s.on('error', () => {});
        s.end(s instanceof require(${JSON.stringify(path.join(__dirname, '..', '..', 'src', 'stream', 'decompressor.js'))}).Decompressor ? packed : data);
      }
      process.on('exit', () => console.log('closed', closed));`);
    assert.equal(out, 'closed 2');
  });
});
