/**
 * Single bit flips in compressed files: every bit of the stream headers, end
 * records and first frame headers, and one bit at every other offset.
 * Each damaged file must decode to exactly the original or fail with a
 * documented NnzipError code: never other bytes, a hang or another exception.
 * Checked with decompressSync on every flip and the stream API on every 7th.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { damageCorpus } from './damage-corpus';
import { flipBit, judgeStream, judgeSync, regions, Rng, Tally } from './helpers';

const STREAM_CHUNKS = [1, 3, 64, 4096];

test('single bit flips: exact original or a documented error', { timeout: 300_000 }, async (t) => {
  const total = new Tally();
  const streamTotal = new Tally();
  let codeDiffers = 0;
  for (const s of damageCorpus()) {
    const tally = new Tally();
    const streamTally = new Tally();
    let flipIndex = 0;
    let frameHeaders = 0;
    for (const r of regions(s.file)) {
      // Every bit of each stream header, end record and first frame header; one bit per byte of
      // later frame headers (same parser) and of payloads, rotating so every bit position is hit.
      const perByte = r.kind === 'payload' ? 1 : r.kind === 'frame-header' && frameHeaders++ > 0 ? 1 : 8;
      if (r.kind === 'header') frameHeaders = 0;
      for (let off = r.start; off < r.end; off++) {
        const bits = perByte === 8 ? [0, 1, 2, 3, 4, 5, 6, 7] : [(off * 3) & 7];
        for (const bit of bits) {
          const damaged = flipBit(s.file, off, bit);
          const what = `${s.name}: bit ${bit} of byte ${off} (${r.kind})`;
          const o = judgeSync(damaged, s.original, what);
          tally.add(o);
          // The stream API on every 7th flip, with varied chunking.
          if (flipIndex % 7 === 0) {
            const so = await judgeStream(damaged, s.original, what, STREAM_CHUNKS[flipIndex % STREAM_CHUNKS.length]);
            // Both must fail or both succeed; the code may differ where the stream parses ahead of decoding.
            assert.equal(so === 'exact', o === 'exact', `${what}: the stream API (${so}) and decompressSync (${o}) disagree`);
            streamTally.add(so);
            if (so !== o) codeDiffers++;
          }
          flipIndex++;
        }
      }
    }
    t.diagnostic(`${s.name} (${s.file.length} B compressed): ${tally.total} flips sync [${tally}], ${streamTally.total} via stream`);
    for (const [k, v] of tally.counts) for (let i = 0; i < v; i++) total.add(k);
    for (const [k, v] of streamTally.counts) for (let i = 0; i < v; i++) streamTotal.add(k);
  }
  t.diagnostic(`all files: ${total.total} single-bit flips via decompressSync [${total}]; ${streamTotal.total} via the stream API [${streamTotal}], ${codeDiffers} with another code than sync`);
  // Flips in the magic, checksums and lengths must all be caught: most flips are errors.
  assert.ok((total.counts.get('exact') ?? 0) < total.total / 4, 'suspiciously many flips went unnoticed');
});

test('random byte bursts: exact original or a documented error', { timeout: 120_000 }, async (t) => {
  // Multi-byte damage (a bad sector, a torn write): 1-16 bytes overwritten with random values.
  const rnd = new Rng(5);
  const tally = new Tally();
  const corpus = damageCorpus();
  for (let i = 0; i < 150; i++) {
    const s = corpus[i % corpus.length];
    const d = Buffer.from(s.file);
    const len = 1 + rnd.int(16);
    const at = rnd.int(d.length);
    for (let k = at; k < Math.min(d.length, at + len); k++) d[k] = rnd.int(256);
    const what = `${s.name}: ${len} random bytes at ${at}`;
    tally.add(judgeSync(d, s.original, what));
    if (i % 6 === 0) await judgeStream(d, s.original, what, 5);
  }
  t.diagnostic(`${tally.total} random bursts [${tally}]`);
});
