/**
 * Truncated compressed files: every length from 0 to the full size (for
 * the larger files every 3rd and all lengths near a record edge). A cut
 * stream must fail with ERR_NNZIP_TRUNCATED (never succeed with fewer bytes),
 * except a cut exactly between two concatenated streams, which is a complete
 * file of its own and must give exactly the first stream's original.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCode, compressSync } from '../../src/index';
import { damageCorpus } from './damage-corpus';
import { judgeStream, judgeSync, logText, regions, Tally } from './helpers';

test('truncation at any length fails with TRUNCATED (or is a whole stream)', { timeout: 300_000 }, async (t) => {
  let syncCount = 0;
  let streamCount = 0;
  for (const s of damageCorpus()) {
    const tally = new Tally();
    // Every length of the small files; of the larger ones every 3rd and all within 3 bytes of a record edge.
    const edges = regions(s.file).flatMap((r) => [r.start, r.end]);
    const all = s.file.length <= 260;
    for (let len = 0; len < s.file.length; len++) {
      if (!all && len % 3 !== 0 && !edges.some((e) => Math.abs(e - len) <= 3)) continue;
      const cut = s.file.subarray(0, len);
      const whole = s.boundaries.find(([end]) => end === len);
      const what = `${s.name}: first ${len} of ${s.file.length} bytes`;
      // A cut stream is never "exact": compare against something it cannot equal unless it is a whole stream.
      const expected = whole ? whole[1] : Buffer.from('\u0000not the output\u0000');
      const o = judgeSync(cut, expected, what);
      tally.add(o);
      assert.equal(o, whole ? 'exact' : ErrorCode.TRUNCATED, what);
      syncCount++;
      // Stream API on every 5th length and every length near a record boundary, in 1- to 7-byte chunks.
      if (len % 5 === 0 || len < 16 || s.file.length - len < 16) {
        const so = await judgeStream(cut, whole ? whole[1] : s.original, what, 1 + (len % 7));
        assert.equal(so, o, `${what}: stream API said ${so}`);
        streamCount++;
      }
    }
    t.diagnostic(`${s.name}: ${tally.total} of ${s.file.length} truncation lengths [${tally}]`);
  }
  t.diagnostic(`all files: ${syncCount} truncations via decompressSync, ${streamCount} via the stream API`);
});

test('truncation of a long multi-frame stream, sampled lengths', { timeout: 120_000 }, async (t) => {
  // A larger file with many frames: cuts inside and at the edges of every record.
  const original = logText(8 * 1024, 31);
  const file = compressSync(original, { level: 1, frameSize: 700 });
  const cuts = new Set<number>();
  for (let len = 0; len < file.length; len += 61) cuts.add(len);
  // Around each frame start (type byte) the parser changes state: try both sides.
  for (let p = 12; p < file.length - 13; ) {
    for (const d of [-1, 0, 1, 13, 14]) if (p + d >= 0 && p + d < file.length) cuts.add(p + d);
    p += 13 + file.readUInt32BE(p + 5);
  }
  cuts.add(file.length - 1);
  const tally = new Tally();
  let i = 0;
  for (const len of [...cuts].sort((a, b) => a - b)) {
    const cut = file.subarray(0, len);
    const what = `multi-frame: first ${len} of ${file.length} bytes`;
    const o = judgeSync(cut, Buffer.alloc(1), what);
    assert.equal(o, ErrorCode.TRUNCATED, what);
    tally.add(o);
    if (i++ % 4 === 0) assert.equal(await judgeStream(cut, original, what, 512), ErrorCode.TRUNCATED, what);
  }
  t.diagnostic(`${tally.total} truncations of a ${file.length}-byte, multi-frame file [${tally}]`);
});
