/**
 * No shared global state: 8 compressors and 8 decompressors running at once
 * in one process (their slices interleaved on the event loop), and 8 worker
 * threads, must give exactly the bytes of one-at-a-time sync calls.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Duplex } from 'node:stream';
import {
  CompressOptions,
  compress,
  compressSync,
  createCompressor,
  createDecompressor,
  decompress,
  decompressSync,
} from '../../src/index';
import { logText, Rng } from './helpers';

/** Eight different jobs: levels 1-3 with small tables (memory), one level 9, multi-frame, some binary. */
function jobs(): Array<{ data: Buffer; options: CompressOptions }> {
  const out: Array<{ data: Buffer; options: CompressOptions }> = [];
  for (let i = 0; i < 8; i++) {
    const data =
      i === 5 ? Buffer.concat([logText(6000, 100 + i), new Rng(i).bytes(3000), logText(6000, 200 + i)]) : logText(12_000 + 1000 * i, 100 + i);
    const options: CompressOptions = { level: i === 7 ? 9 : 1 + (i % 3), tableBits: 12, frameSize: 1024 + 512 * i };
    out.push({ data, options });
  }
  return out;
}

/** Feeds `data` in small pieces with a turn of the event loop after each, so concurrent streams interleave finely. */
async function feedInterleaved(stream: Duplex, data: Buffer, piece: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('data', (b: Buffer) => parts.push(b));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(parts)));
  });
  for (let off = 0; off < data.length; off += piece) {
    if (!stream.write(data.subarray(off, off + piece))) await new Promise((r) => stream.once('drain', r));
    await new Promise((r) => setImmediate(r));
  }
  stream.end();
  return done;
}

test('8 compressors and 8 decompressors interleaved in one process match one-at-a-time results', { timeout: 120_000 }, async (t) => {
  const js = jobs();
  // One at a time, first.
  const expected = js.map((j) => compressSync(j.data, j.options));
  js.forEach((j, i) => assert.ok(decompressSync(expected[i]).equals(j.data), `job ${i}: sync round trip`));
  // Then all 16 streams at once: compressors on the raw data, decompressors on the expected output.
  const [compressed, decompressed] = await Promise.all([
    Promise.all(js.map((j, i) => feedInterleaved(createCompressor(j.options), j.data, 700 + 97 * i))),
    Promise.all(js.map((_, i) => feedInterleaved(createDecompressor(), expected[i], 50 + 31 * i))),
  ]);
  js.forEach((j, i) => {
    assert.ok(compressed[i].equals(expected[i]), `job ${i}: concurrent compressor output differs`);
    assert.ok(decompressed[i].equals(j.data), `job ${i}: concurrent decompressor output differs`);
  });
  // The promise API, all at once too.
  const viaPromises = await Promise.all(js.map((j) => compress(j.data, j.options)));
  viaPromises.forEach((c, i) => assert.ok(c.equals(expected[i]), `job ${i}: concurrent compress()`));
  const backs = await Promise.all(expected.map((c) => decompress(c)));
  backs.forEach((b, i) => assert.ok(b.equals(js[i].data), `job ${i}: concurrent decompress()`));
  t.diagnostic(`8 jobs, ${js.reduce((n, j) => n + j.data.length, 0)} bytes, 16 streams at once then 16 promises`);
});

test('8 worker threads match the main thread byte for byte', { timeout: 120_000 }, async (t) => {
  const js = jobs();
  const expected = js.map((j) => compressSync(j.data, j.options));
  const script = path.join(__dirname, 'worker.js');
  const results = await Promise.all(
    js.map(
      (j) =>
        new Promise<{ streamed: Uint8Array; sync: Uint8Array; decompressed: Uint8Array; decompressedSync: Uint8Array }>((resolve, reject) => {
          const w = new Worker(script, { workerData: j });
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => {
            if (code !== 0) reject(new Error(`worker exited with code ${code}`));
          });
        }),
    ),
  );
  results.forEach((r, i) => {
    const same = (a: Uint8Array, b: Buffer) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
    assert.ok(same(r.streamed, expected[i]), `worker ${i}: stream compressor output differs from the main thread's`);
    assert.ok(same(r.sync, expected[i]), `worker ${i}: compressSync output differs from the main thread's`);
    assert.ok(same(r.decompressed, js[i].data), `worker ${i}: stream decompressor output differs`);
    assert.ok(same(r.decompressedSync, js[i].data), `worker ${i}: decompressSync output differs`);
  });
  t.diagnostic(`8 workers, each stream+sync in both directions`);
});
