/**
 * SentenceBatcher: batches end at sentence ends (after a line feed, or after
 * 64 KiB without one), each batch is the shortest run of whole sentences
 * reaching frameSize, and none of it depends on how the input was chunked.
 * Checked against a direct reference implementation of the rule.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_SENTENCE } from '../../src/format/sentence';
import { SentenceBatch, SentenceBatcher } from '../../src/stream/sentence-batcher';
import { Rng } from './helpers';

/** The rule, written the obvious way: [end offset, sentence count] of each batch. */
function referenceBatches(data: Buffer, frameSize: number): Array<[number, number]> {
  const ends: number[] = [];
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0x0a || i + 1 - start === MAX_SENTENCE) {
      ends.push(i + 1);
      start = i + 1;
    }
  }
  if (start < data.length) ends.push(data.length); // an unterminated last sentence
  const out: Array<[number, number]> = [];
  let batchStart = 0;
  let count = 0;
  for (const e of ends) {
    count++;
    if (e - batchStart >= frameSize || e === data.length) {
      out.push([e, count]);
      batchStart = e;
      count = 0;
    }
  }
  return out;
}

/** `release`: hand each batch's buffer back once copied, as the coding stage does once it is coded. */
function batch(data: Buffer, frameSize: number, chunkSizes: number[], release = false): SentenceBatch[] {
  const b = new SentenceBatcher(frameSize);
  const out: SentenceBatch[] = [];
  const emit = (x: SentenceBatch) => {
    out.push({ data: Buffer.from(x.data), sentences: x.sentences });
    if (release) x.release?.();
  };
  let at = 0;
  let k = 0;
  while (at < data.length) {
    const n = Math.max(1, chunkSizes[k++ % chunkSizes.length]);
    b.push(data.subarray(at, at + n), emit);
    at += n;
  }
  b.end(emit);
  return out;
}

function check(data: Buffer, frameSize: number, chunkSizes: number[], release = false): void {
  const got = batch(data, frameSize, chunkSizes, release);
  assert.ok(Buffer.concat(got.map((x) => x.data)).equals(data), 'batches concatenate to the input');
  let at = 0;
  const ends = got.map((x) => {
    at += x.data.length;
    return [at, x.sentences] as [number, number];
  });
  assert.deepEqual(ends, referenceBatches(data, frameSize));
}

describe('SentenceBatcher', () => {
  it('cuts after the line end that brings a batch to frameSize', () => {
    const data = Buffer.from('aa\nbbbb\nc\n\ndddddddd\neee');
    assert.deepEqual(
      batch(data, 4, [data.length]).map((x) => [x.data.toString(), x.sentences]),
      [['aa\nbbbb\n', 2], ['c\n\ndddddddd\n', 3], ['eee', 1]],
    );
    assert.deepEqual(
      batch(data, 1, [1]).map((x) => x.data.toString()),
      ['aa\n', 'bbbb\n', 'c\n', '\n', 'dddddddd\n', 'eee'],
    );
  });

  it('cuts a long line every 64 KiB', () => {
    const data = Buffer.alloc(3 * MAX_SENTENCE + 1000, 0x61);
    data[100] = 0x0a;
    const got = batch(data, 1, [7000]);
    assert.deepEqual(
      got.map((x) => x.data.length),
      [101, MAX_SENTENCE, MAX_SENTENCE, MAX_SENTENCE, 1000 - 101],
    );
    // A line feed as the 65536th byte ends the sentence once, not twice.
    const exact = Buffer.alloc(MAX_SENTENCE + 5, 0x62);
    exact[MAX_SENTENCE - 1] = 0x0a;
    assert.deepEqual(batch(exact, 1, [MAX_SENTENCE + 5]).map((x) => x.data.length), [MAX_SENTENCE, 5]);
  });

  it('emits nothing for empty input, even when pushed empty chunks', () => {
    const b = new SentenceBatcher(10);
    const out: SentenceBatch[] = [];
    b.push(Buffer.alloc(0), (x) => out.push(x));
    b.end((x) => out.push(x));
    assert.equal(out.length, 0);
  });

  it('a large frame holds many sentences and is cut only at a sentence end', () => {
    const r = new Rng(9);
    const parts: Buffer[] = [];
    for (let i = 0; i < 400; i++) parts.push(Buffer.from('x'.repeat(r.int(300)) + '\n'));
    const data = Buffer.concat(parts);
    check(data, 8192, [data.length]);
    check(data, 8192, [1]);
  });

  it('reuses a released buffer for a later full batch, and only once per release', () => {
    const line = Buffer.from('0123456789abcde\n'); // 16 bytes
    const b = new SentenceBatcher(32);
    const got: SentenceBatch[] = [];
    const emit = (x: SentenceBatch) => got.push(x);
    // Chunks of 8 bytes: every batch of 32 spans chunks, so it is copied.
    const input = Buffer.concat(Array.from({ length: 8 }, () => line));
    const feed = (from: number, to: number) => {
      for (let at = from; at < to; at += 8) b.push(input.subarray(at, at + 8), emit);
    };
    feed(0, 64);
    assert.equal(got.length, 2);
    assert.notEqual(got[0].data.buffer, got[1].data.buffer, 'two batches alive at once never share a buffer');
    const first = got[0].data.buffer;
    got[0].release!();
    got[0].release!(); // a second call must not hand the buffer out twice
    feed(64, 128);
    assert.equal(got.length, 4);
    assert.equal(got[2].data.buffer, first, 'the released buffer carries the next batch');
    assert.notEqual(got[3].data.buffer, first);
    for (const x of got.slice(1)) assert.ok(x.data.equals(input.subarray(0, 32)));
  });

  it('does not depend on chunking (property)', () => {
    // Inputs over a tiny alphabet with frequent line feeds, plus long runs without one.
    const short = fc
      .uint8Array({ minLength: 0, maxLength: 40 })
      .map((a) => Buffer.from(a.map((v) => (v % 4 === 0 ? 0x0a : 0x61 + (v % 3)))));
    const long = fc.integer({ min: MAX_SENTENCE - 3, max: MAX_SENTENCE + 3 }).map((n) => Buffer.alloc(n, 0x7a));
    const piece = fc.oneof({ arbitrary: short, weight: 6 }, { arbitrary: long, weight: 1 });
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 6 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 70000 }), { minLength: 1, maxLength: 8 }),
        (pieces, frameSize, chunks) => {
          const data = Buffer.concat(pieces);
          check(data, frameSize, chunks);
          check(data, frameSize, chunks, true);
          // Tiny chunks too, where that stays cheap.
          if (data.length < 20000) check(data, frameSize, [1 + (chunks[0] % 3)]);
        },
      ),
      { seed: 20240314, numRuns: 150 },
    );
  });
});
