/**
 * What follows a complete stream (issue 12, item 4): zero padding is ignored
 * as gzip and xz do; other bytes are trailing garbage, an error by default,
 * or handed on whole (from the padding's start) for the caller to drop with a
 * warning or copy through, however the input is chunked.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync } from '../../src/index';
import type { ContainerRecord } from '../../src/format/container';
import { ContainerReader, TrailingMode } from '../../src/format/reader';
import { unsupportedReason } from '../../src/model/presets';
import { chunk } from '../reliability/helpers';

const STREAM = compressSync(Buffer.from('one line\n'));

/** Runs the reader over `input` cut at every `piece` bytes; returns the records' kinds and the trailing bytes. */
function read(input: Buffer, piece: number, mode: TrailingMode): { kinds: string[]; trailing: Buffer; offsets: number[] } {
  const r = new ContainerReader(unsupportedReason, { trailing: mode });
  const kinds: string[] = [];
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  const emit = (rec: ContainerRecord) => {
    kinds.push(rec.kind);
    if (rec.kind === 'trailing') {
      parts.push(rec.data);
      offsets.push(rec.offset);
    }
  };
  for (const c of chunk(input, [piece])) r.push(c, emit);
  r.end();
  return { kinds: kinds.filter((k, i) => k !== 'trailing' || kinds[i - 1] !== 'trailing'), trailing: Buffer.concat(parts), offsets };
}

describe('after a complete stream', () => {
  for (const piece of [1, 3, 7, 4096]) {
    it(`zero padding is ignored (fed ${piece} bytes at a time)`, () => {
      for (const mode of ['error', 'report'] as const) {
        const r = read(Buffer.concat([STREAM, Buffer.alloc(512)]), piece, mode);
        assert.deepEqual(r.kinds, ['header', 'frame', 'end']);
        assert.equal(r.trailing.length, 0);
      }
    });

    it(`garbage is an error, or reported whole with where it began (fed ${piece} bytes at a time)`, () => {
      const tail = Buffer.concat([Buffer.alloc(3), Buffer.from('plain text tail\n'), Buffer.alloc(2), Buffer.from('more')]);
      const input = Buffer.concat([STREAM, STREAM, tail]);
      assert.throws(() => read(input, piece, 'error'), { code: 'ERR_NNZIP_TRAILING_GARBAGE', message: new RegExp(`at byte ${2 * STREAM.length},`) });
      const r = read(input, piece, 'report');
      assert.deepEqual(r.kinds, ['header', 'frame', 'end', 'header', 'frame', 'end', 'trailing']);
      assert.ok(r.trailing.equals(tail), 'every trailing byte, zeros included, in order');
      assert.equal(r.offsets[0], 2 * STREAM.length);
    });
  }

  it('a cut-off next stream is still TRUNCATED, in either mode', () => {
    for (const mode of ['error', 'report'] as const) {
      for (const n of [1, 2, 3, 11, 20]) {
        assert.throws(() => read(Buffer.concat([STREAM, STREAM.subarray(0, n)]), 5, mode), { code: 'ERR_NNZIP_TRUNCATED' }, `${n} bytes`);
      }
    }
  });

  it('garbage before any stream is still BAD_MAGIC, in either mode', () => {
    for (const mode of ['error', 'report'] as const) {
      assert.throws(() => read(Buffer.from('not nnzip at all'), 4, mode), { code: 'ERR_NNZIP_BAD_MAGIC' });
      assert.throws(() => read(Buffer.alloc(64), 4, mode), { code: 'ERR_NNZIP_BAD_MAGIC' });
    }
  });
});

describe('a damaged next stream is never taken for garbage', () => {
  const second = compressSync(Buffer.from('second stream\n'));
  it('every one-bit flip of the second stream magic is BAD_MAGIC in every mode, however fed', () => {
    for (let i = 0; i < 4; i++) {
      for (let b = 0; b < 8; b++) {
        const damaged = Buffer.from(second);
        damaged[i] ^= 1 << b;
        const input = Buffer.concat([STREAM, damaged]);
        for (const mode of ['error', 'report'] as const) {
          for (const piece of [1, 2, 4096]) {
            assert.throws(() => read(input, piece, mode), { code: 'ERR_NNZIP_BAD_MAGIC', message: /damaged stream header/ }, `byte ${i} bit ${b}, ${mode}, ${piece}`);
          }
        }
      }
    }
  });

  it('text after a stream is still trailing data (copied or dropped by the caller)', () => {
    // 0x89 'N' 'O' 'T': two bytes off the magic.
    const tail = Buffer.from('\x89NOT nnzip, plain text\n', 'latin1');
    const r = read(Buffer.concat([STREAM, tail]), 3, 'report');
    assert.ok(r.trailing.equals(tail));
  });
});
