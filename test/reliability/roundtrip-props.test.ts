/**
 * Property-based round trips (fast-check, fixed seed so CI is reproducible;
 * on failure fast-check shrinks the input and prints the seed and path to
 * replay it). Every level, small and default tables, one-frame and
 * many-frame streams, arbitrary bytes and arbitrary line structures, and
 * arbitrary chunking of both the input and the compressed stream.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CompressOptions,
  compress,
  compressSync,
  createCompressor,
  createDecompressor,
  decompress,
  decompressSync,
} from '../../src/index';
import { chunk, logText, runStream } from './helpers';

const SEED = 42;

/** Options across every level; small frames to get many-frame streams; mostly small tables (they cost allocation, not coverage). */
const optionsArb: fc.Arbitrary<CompressOptions> = fc.record(
  {
    level: fc.integer({ min: 1, max: 9 }),
    frameSize: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 64, max: 4096 }), fc.constant(1 << 20)),
    tableBits: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 10, max: 13 }) }, { weight: 1, arbitrary: fc.constant(undefined) }),
  },
  { requiredKeys: ['level'] },
);

/** One line: text, binary, or a long run; its terminator is LF, CRLF, a lone CR, a blank line or nothing. */
const lineArb = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.string({ maxLength: 120, size: 'max' }).map((s) => Buffer.from(s, 'utf8')) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => Buffer.from(s, 'utf8')) },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200, size: 'max' }).map((u) => Buffer.from(u)) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3000 }))
          .map(([b, n]) => Buffer.alloc(n, b)),
      },
    ),
    fc.constantFrom('\n', '\r\n', '\r', '', '\n\n', '\r\r\n'),
  )
  .map(([body, end]) => Buffer.concat([body, Buffer.from(end, 'latin1')]));

const linesArb = fc.array(lineArb, { maxLength: 40 }).map((ls) => Buffer.concat(ls));

/** Chunk sizes for writes: 1-byte writes, empty writes, small and huge ones. */
const chunkSizesArb = fc.array(
  fc.oneof(fc.constant(1), fc.constant(0), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 100, max: 1 << 20 })),
  { minLength: 1, maxLength: 6, size: 'max' },
);

function label(o: CompressOptions): string {
  return `L${o.level}`;
}

test('property: arbitrary bytes round-trip through the sync API at every level', { timeout: 240_000 }, (t) => {
  const levels = new Map<string, number>();
  let bytes = 0;
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000, size: 'max' }), optionsArb, (data, opts) => {
      const c = compressSync(data, opts);
      const d = decompressSync(c);
      levels.set(label(opts), (levels.get(label(opts)) ?? 0) + 1);
      bytes += data.length;
      return d.equals(Buffer.from(data));
    }),
    { seed: SEED, numRuns: 100 },
  );
  t.diagnostic(`100 cases, ${bytes} input bytes; by level: ${[...levels].sort().map(([k, v]) => `${k}=${v}`).join(' ')}`);
});

test('property: arbitrary line structures (CR/LF mixes, binary, long runs) round-trip', { timeout: 240_000 }, (t) => {
  let bytes = 0;
  let maxLen = 0;
  fc.assert(
    fc.property(linesArb, optionsArb, (data, opts) => {
      bytes += data.length;
      maxLen = Math.max(maxLen, data.length);
      return decompressSync(compressSync(data, opts)).equals(data);
    }),
    { seed: SEED, numRuns: 60 },
  );
  t.diagnostic(`60 cases, ${bytes} input bytes, largest ${maxLen}`);
});

test('property: any chunking of the input gives the sync bytes; any chunking of the stream decodes', { timeout: 240_000 }, async (t) => {
  let writes = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(linesArb, fc.integer({ min: 0, max: 6000 }).map((n) => logText(n, n))),
      fc.record({ level: fc.integer({ min: 1, max: 9 }), frameSize: fc.integer({ min: 16, max: 2048 }), tableBits: fc.integer({ min: 10, max: 12 }) }),
      chunkSizesArb,
      chunkSizesArb,
      async (data, opts, inSizes, outSizes) => {
        const expected = compressSync(data, opts);
        const inChunks = chunk(data, inSizes);
        const enc = await runStream(createCompressor(opts), inChunks);
        assert.equal(enc.error, null);
        // The cut points depend on content only: chunking must not change a single byte.
        assert.ok(enc.output.equals(expected), 'stream compressor output differs from compressSync');
        const outChunks = chunk(expected, outSizes);
        const dec = await runStream(createDecompressor(), outChunks);
        assert.equal(dec.error, null);
        assert.ok(dec.output.equals(data), 'stream decompressor output differs from the input');
        writes += inChunks.length + outChunks.length;
      },
    ),
    { seed: SEED, numRuns: 50 },
  );
  t.diagnostic(`50 cases, ${writes} stream writes`);
});

test('property: concatenated streams with different options decode to the concatenation', { timeout: 240_000 }, async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(linesArb, optionsArb), { minLength: 1, maxLength: 3 }), async (parts) => {
      const file = Buffer.concat(parts.map(([d, o]) => compressSync(d, o)));
      const original = Buffer.concat(parts.map(([d]) => d));
      assert.ok(decompressSync(file).equals(original));
      assert.ok((await decompress(file)).equals(original));
    }),
    { seed: SEED, numRuns: 15 },
  );
  t.diagnostic('15 cases');
});

test('the promise API gives the same bytes as the sync API', { timeout: 60_000 }, async () => {
  for (const level of [1, 5, 9]) {
    const data = logText(5000, level);
    const opts = { level, tableBits: 12, frameSize: 1000 };
    const c = await compress(data, opts);
    assert.ok(c.equals(compressSync(data, opts)), `level ${level}`);
    assert.ok((await decompress(c)).equals(data), `level ${level}`);
  }
});

test('lines of 64 KiB and more (the sentence limit) round-trip at level 1', { timeout: 120_000 }, async (t) => {
  const K64 = 64 * 1024;
  const text = logText(K64 + 200, 7);
  const cases: Array<[string, Buffer]> = [
    ['100 KB line, no LF', Buffer.alloc(100_000, 'a')],
    ['64 KiB - 1 + LF', Buffer.concat([text.subarray(0, K64 - 1), Buffer.from('\n')])],
    ['64 KiB + LF', Buffer.concat([text.subarray(0, K64), Buffer.from('\n')])],
    ['64 KiB + 1 + LF', Buffer.concat([text.subarray(0, K64 + 1), Buffer.from('\n')])],
    ['100 KB of CR', Buffer.alloc(100_000, '\r')],
    ['100 KB binary, no LF', Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7 + (i >> 9)) & 0xff).map((b) => (b === 10 ? 11 : b)))],
    ['short, 100 KB CRLF line, short', Buffer.concat([Buffer.from('a\n'), Buffer.alloc(100_000, 'x'), Buffer.from('\r\nb\r\n')])],
  ];
  let n = 0;
  for (const [name, data] of cases) {
    const opts = { level: 1, frameSize: 32 * 1024 };
    const c = compressSync(data, opts);
    assert.ok(decompressSync(c).equals(data), name);
    // The first and last through the streams too, with writes that cut lines anywhere.
    if (n === 0 || n === cases.length - 1) {
      const enc = await runStream(createCompressor(opts), chunk(data, [1, 65535, 3, 40000]));
      assert.ok(enc.output.equals(c), `${name}: stream compressor`);
      const dec = await runStream(createDecompressor(), chunk(c, [1, 2, 10000]));
      assert.ok(dec.output.equals(data), `${name}: stream decompressor`);
    }
    n++;
    t.diagnostic(`${name}: ${data.length} -> ${c.length} bytes`);
  }
});
