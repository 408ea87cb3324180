/**
 * The large inputs, in their own file so the runner can overlap them with
 * the rest: a 3 MB line with no line feed (cut into 64 KiB sentences by
 * format/sentence.ts, so no buffer grows with line length) and text written
 * in 1 MiB chunks (frames are 256 KiB), both through the stream API at level 1. About 2 × 4 MB of
 * level-1 coding: the slowest core tests.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createCompressor, createDecompressor } from '../../src/index';
import { logText, parseRecords, Rng, throughStream } from './helpers';

const SIZE = 3_000_000;

function longLine(): Buffer {
  // Random words from a small vocabulary, separated by spaces: text-like, no
  // line feed, and cheap to model (fresh contexts would cost about 1.5x the time).
  const r = new Rng(123);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'id=42', 'status', 'ok', 'GET', '/api/v1', '200', 'ms', 'user'];
  const b = Buffer.alloc(SIZE);
  let at = 0;
  while (at < SIZE) at += b.write(words[r.int(words.length)] + ' ', at, 'latin1');
  return b;
}

it('a 3 MB line without a newline, level 1, 1 MiB writes', async (t) => {
  const data = longLine();
  assert.equal(data.indexOf(0x0a), -1);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const c = await throughStream(createCompressor({ level: 1 }), data, 1 << 20);
  const t1 = performance.now();
  const frames = parseRecords(c).filter((x) => x.kind === 'frame');
  // Default frames of 256 KiB are 4 whole 64 KiB sentences.
  const full = Math.floor(SIZE / (256 << 10));
  assert.deepEqual(
    frames.map((f) => f.rawLength),
    [...Array.from({ length: full }, () => 256 << 10), SIZE - full * (256 << 10)],
  );
  const back = await throughStream(createDecompressor(), c, 1 << 20);
  const t2 = performance.now();
  assert.ok(back.equals(data));
  const cpu = process.cpuUsage(cpu0);
  t.diagnostic(
    `3 MB line: ${c.length} bytes; compress ${(t1 - t0).toFixed(0)} ms, decompress ${(t2 - t1).toFixed(0)} ms (wall), ` +
      `${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`,
  );
});

it('text written in 1 MiB chunks through the stream API', async () => {
  // Repeated log text: cheaper to model than fresh text, and the point here is the 1 MiB writes.
  const block = logText(20000, 10);
  const big = Buffer.concat(Array.from({ length: 56 }, () => block));
  const c = await throughStream(createCompressor({ level: 1 }), big, 1 << 20);
  const frames = parseRecords(c).filter((x) => x.kind === 'frame');
  // Default frames of 256 KiB, each cut at the first line end past that size.
  assert.ok(frames.length >= Math.floor(big.length / ((256 << 10) + 65536)), `${frames.length} frames`);
  for (const f of frames.slice(0, -1)) assert.ok(f.rawLength! >= 256 << 10 && f.rawLength! < (256 << 10) + 65536);
  assert.deepEqual(await throughStream(createDecompressor(), c, 1 << 20), big);
});
