/**
 * The commands' reused buffers (issue 11, flat memory): the batcher's copy
 * mode gives the same batches as its view mode while the caller overwrites
 * each chunk as soon as push() returns; the file reader and the frame
 * buffers only take back what they lent, whole; and the commands write the
 * library's bytes both ways through files, standard input and pipes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compressSync, createDecompressor } from '../../src/index';
import { SentenceBatch, SentenceBatcher } from '../../src/stream/sentence-batcher';
import { FrameBuffers } from '../../src/stream/frame-buffers';
import { RecyclingFileReader } from '../../src/cli/file-reader';
import { logText, Rng } from './helpers';
import { NNUNZIP, NNZIP, sh } from '../cli/helpers';

/** Batches as [content, sentences], copied when emitted; `reuse`: overwrite each chunk after push (copy mode's promise). */
function batches(data: Buffer, frameSize: number, sizes: number[], copy: boolean, release: boolean): Array<[string, number]> {
  const b = new SentenceBatcher(frameSize, copy);
  const out: Array<[string, number]> = [];
  const emit = (x: SentenceBatch): void => {
    out.push([Buffer.from(x.data).toString('latin1'), x.sentences]);
    if (release) x.release?.();
  };
  const chunk = Buffer.alloc(Math.max(...sizes));
  let at = 0;
  for (let k = 0; at < data.length; k++) {
    const n = Math.min(sizes[k % sizes.length], data.length - at);
    data.copy(chunk, 0, at, at + n);
    if (copy) {
      b.push(chunk.subarray(0, n), emit);
      chunk.fill(0xaa); // the reader's next read goes into the same buffer
    } else {
      b.push(Buffer.from(chunk.subarray(0, n)), emit);
    }
    at += n;
    if (k % 7 === 3) b.cut(emit);
  }
  b.end(emit);
  return out;
}

describe('reused buffers', () => {
  it('the batcher in copy mode gives the view mode batches while each chunk is overwritten once pushed', () => {
    const rng = new Rng(11);
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push('x'.repeat(rng.int(121)) + (i % 500 === 7 ? 'y'.repeat(70_000) : ''));
    const data = Buffer.from(lines.join('\n'), 'latin1');
    for (const frameSize of [1, 1000, 65_536, 300_000]) {
      for (const sizes of [[1, 7, 100], [4096], [65_536, 3], [1 << 20]]) {
        const want = batches(data, frameSize, sizes, false, false);
        assert.deepEqual(batches(data, frameSize, sizes, true, true), want, `frameSize ${frameSize}, chunks ${sizes}`);
        assert.deepEqual(batches(data, frameSize, sizes, true, false), want);
      }
    }
  });

  it('the file reader reads a file through a few buffers, taking back only whole chunks it pushed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-reader-'));
    try {
      const data = Buffer.from(logText(1_000_000, 5));
      const file = path.join(dir, 'in.log');
      fs.writeFileSync(file, data);
      const reader = new RecyclingFileReader(fs.openSync(file, 'r'), true);
      const got: Buffer[] = [];
      const stores = new Set<ArrayBufferLike>();
      for await (const chunk of reader) {
        got.push(Buffer.from(chunk as Buffer));
        stores.add((chunk as Buffer).buffer);
        reader.recycle(chunk as Buffer);
        reader.recycle(chunk as Buffer); // twice: taken back once
        reader.recycle(Buffer.from(chunk as Buffer)); // not one of its chunks: ignored
      }
      assert.ok(Buffer.concat(got).equals(data));
      assert.ok(got.length > 4 && stores.size <= 2, `${got.length} chunks in ${stores.size} buffers`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('frame buffers are lent by size and come back only as lent', () => {
    const fb = new FrameBuffers();
    const a = fb.take(1000);
    assert.equal(a.length, 1000);
    fb.give(a.subarray(0, 10)); // a piece: not taken back
    const b = fb.take(1000);
    assert.notEqual(b.buffer, a.buffer);
    fb.give(a);
    fb.give(a);
    const c = fb.take(200_000);
    assert.equal(c.buffer, a.buffer);
    assert.equal(c.length, 200_000);
    const big = fb.take(1 << 20);
    assert.equal(big.length, 1 << 20);
    fb.give(big);
    fb.give(c);
    assert.equal(fb.take(5).buffer, big.buffer, 'the first free buffer large enough');
    assert.equal(fb.take(300_000).buffer, c.buffer);
  });

  it('the threaded decompressor decodes right while its writer refills each chunk once called back', async () => {
    // Block 0 longer than EAGER_AFTER (1 MiB): past it, the chunks holding
    // block 0's queued frames are called back before those frames are decoded.
    const data = Buffer.from(logText(1_250_000, 7));
    const packed = compressSync(data, { level: 2, tableBits: 10, frameSize: 64 << 10, blockBytes: 1_100_000 });
    const d = createDecompressor({ threads: 2 });
    const out: Buffer[] = [];
    d.on('data', (b: Buffer) => out.push(Buffer.from(b)));
    const ended = new Promise<void>((resolve, reject) => {
      d.on('end', resolve);
      d.on('error', reject);
    });
    const piece = Buffer.alloc(16 << 10);
    for (let at = 0; at < packed.length; at += piece.length) {
      const n = packed.copy(piece, 0, at);
      await new Promise<void>((resolve, reject) => d.write(piece.subarray(0, n), (e?: Error | null) => (e ? reject(e) : resolve())));
      piece.fill(0xa5);
    }
    d.end();
    await ended;
    assert.ok(Buffer.concat(out).equals(data));
  });

  it('the commands write the library bytes and read them back, from files, standard input and pipes', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-recycle-'));
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    // Several frames, reads and buffers: 1.3 MB of log lines.
    const data = Buffer.from(logText(1_300_000, 9));
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, data);
    const want = compressSync(data, { level: 1, sizeHint: data.length });
    const q = (s: string): string => `'${s}'`;
    const r1 = await sh(`${q(NNZIP)} -1 -c -T1 < ${q(file)} > ${q(file)}.1.nnz && ${q(NNZIP)} -1 -k -T1 ${q(file)} && cat ${q(file)} | ${q(NNZIP)} -1 -c -T1 > ${q(file)}.p.nnz`);
    assert.equal(r1.code, 0, r1.stderr);
    assert.ok(fs.readFileSync(`${file}.1.nnz`).equals(want), 'stdin from a file');
    assert.ok(fs.readFileSync(`${file}.nnz`).equals(want), 'a named file');
    // From a pipe the size is unknown: the level's own tables, so only the round trip is checked.
    const r2 = await sh(
      `${q(NNUNZIP)} -c -T1 < ${q(file)}.1.nnz > ${q(file)}.d1 && ${q(NNUNZIP)} -c -T1 ${q(file)}.nnz | cat > ${q(file)}.d2 && ${q(NNUNZIP)} -c -T1 < ${q(file)}.p.nnz > ${q(file)}.d3 && ${q(NNUNZIP)} -t -T1 ${q(file)}.nnz`,
    );
    assert.equal(r2.code, 0, r2.stderr);
    for (const d of ['d1', 'd2', 'd3']) assert.ok(fs.readFileSync(`${file}.${d}`).equals(data), d);
    fs.rmSync(file);
    const r3 = await sh(`${q(NNUNZIP)} -T1 ${q(file)}.nnz`);
    assert.equal(r3.code, 0, r3.stderr);
    assert.ok(fs.readFileSync(file).equals(data), 'decompressed to a file');
  });
});
