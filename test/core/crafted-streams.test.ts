/**
 * Regression tests for what issue 10 found by attacking the decoder: each
 * stream here is crafted, and each case failed before the fix.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync, createDecompressor, decompressSync } from '../../src/index';
import { FRAME_CODED, FRAME_STORED, MAX_FRAME_RAW } from '../../src/format/container';
import { MODEL2_ID, MODEL_ID } from '../../src/model/presets';
import { Encoder } from '../../src/coder/encoder';
import { serializeRecord } from '../../src/format/container';
import { resolveCompressOptions } from '../../src/options';
import { runStream } from '../reliability/helpers';
import { end, frame, header, splitStream } from './crafted';
import { logText, Rng, runsLogText } from './helpers';

/** Every way to feed `b` in two chunks, plus whole: each must end in the same error as decompressSync. */
async function sameErrorEverywhere(b: Buffer): Promise<string> {
  let code = '';
  try {
    decompressSync(b);
    assert.fail('decompressSync accepted the stream');
  } catch (err) {
    assert.equal((err as Error).name, 'NnzipError', String(err));
    code = (err as { code: string }).code;
  }
  for (let cut = 0; cut <= b.length; cut++) {
    const chunks = [b.subarray(0, cut), b.subarray(cut)].filter((c) => c.length > 0);
    const r = await runStream(createDecompressor(), chunks);
    assert.ok(r.error, `split at ${cut}: no error`);
    assert.equal((r.error as Error).name, 'NnzipError', `split at ${cut}: ${String(r.error)}`);
    assert.equal((r.error as { code: string }).code, code, `split at ${cut}`);
  }
  return code;
}

describe('crafted streams (issue 10)', () => {
  const params = { modelId: MODEL_ID, level: 1, tableBits: 10 };

  it('a coded frame with an empty payload at the end of the input is an NnzipError, the same from both APIs', async () => {
    // The 25 bytes of the report: a header, then a coded frame of 1 byte with no payload.
    const b = Buffer.concat([header(params, 2), frame(FRAME_CODED, 1, Buffer.alloc(0), 0)]);
    assert.equal(b.length, 25);
    await sameErrorEverywhere(b);
    // With an end record after it (38 bytes): still one error, the same from every API and split.
    await sameErrorEverywhere(Buffer.concat([b, end(1, 0)]));
    // The same in format version 1.
    await sameErrorEverywhere(Buffer.concat([header(params, 1), frame(FRAME_CODED, 1, Buffer.alloc(0), 0), end(1, 0)]));
  });

  describe('a frame out of place fails its own check before its bytes are released', () => {
    const original = new Rng(3).bytes(40_000); // incompressible: every frame is stored
    const good = compressSync(original, { level: 2, frameSize: 10_000 });
    const s = splitStream(good);
    assert.equal(s.frames.length, 4);
    assert.ok(s.frames.every((f) => f[0] === FRAME_STORED));
    const cases: Record<string, Buffer[]> = {
      'two frames swapped': [s.frames[1], s.frames[0], s.frames[2], s.frames[3]],
      'a frame repeated': [s.frames[0], s.frames[1], s.frames[1], s.frames[2], s.frames[3]],
      'a frame dropped': [s.frames[0], s.frames[2], s.frames[3]],
      'the last two swapped': [s.frames[0], s.frames[1], s.frames[3], s.frames[2]],
    };
    for (const [what, frames] of Object.entries(cases)) {
      it(what, async () => {
        const damaged = Buffer.concat([s.header, ...frames, s.end]);
        assert.throws(() => decompressSync(damaged), { code: 'ERR_NNZIP_CHECKSUM' });
        const r = await runStream(createDecompressor(), [damaged]);
        assert.equal((r.error as { code?: string })?.code, 'ERR_NNZIP_CHECKSUM');
        // What came out before the error is a prefix of the original (FORMAT.md §6), never other bytes.
        assert.ok(original.subarray(0, r.output.length).equals(r.output), `${what}: released bytes that are not the original's`);
        assert.ok(r.output.length < original.length);
      });
    }
  });

  /** Warm-up frames of `warm` (model `modelId`), then 5 coded frames that each declare MAX_FRAME_RAW with a 1-byte payload. */
  function bombAfter(warm: Buffer, modelId: number): Buffer {
    const { params } = resolveCompressOptions({ level: 1, tableBits: 12 });
    const e = new Encoder({ ...params, modelId });
    const real = splitStream(Buffer.concat([e.header(), e.frameOf(warm), e.end()].flatMap((r) => serializeRecord(r))));
    return Buffer.concat([
      real.header,
      ...real.frames,
      ...Array.from({ length: 5 }, () => frame(FRAME_CODED, MAX_FRAME_RAW, Buffer.alloc(1), 0)),
      end(0, 0),
    ]);
  }

  /** Decodes a bomb: it must be CORRUPT; returns the byte of the frame where the payload gave out. */
  function gaveOutAt(bomb: Buffer): number {
    let err: Error | undefined;
    try {
      decompressSync(bomb);
    } catch (e) {
      err = e as Error;
    }
    assert.equal((err as { code?: string })?.code, 'ERR_NNZIP_CORRUPT', String(err));
    return Number(/at byte (\d+) of/.exec(err!.message)?.[1]);
  }

  it('a coded frame cannot decode more than its payload can code: an 8 MiB frame of 1 payload byte is CORRUPT early (model 2)', () => {
    // A warmed-up model that guesses confidently, then coded frames that each
    // declare the largest raw length with a 1-byte payload: each decoded bit
    // of a zero payload is "hit", so without the overrun rule on guessed bytes
    // every frame decoded MAX_FRAME_RAW bytes (issue 10: 562 MB from 987 bytes).
    const bomb = bombAfter(Buffer.from('ok\n'.repeat(4000)), MODEL2_ID);
    assert.ok(bomb.length < 200);
    const at = gaveOutAt(bomb);
    // (1 payload byte + the first read-ahead) x ~363,409 decisions at most.
    assert.ok(at > 0 && at <= 2 * 363_500, `gave up only at byte ${at}`);
  });

  for (const [what, warm] of [
    ['a repeated short line', Buffer.from('ok\n'.repeat(4000))],
    ['a log with long repeated fields', runsLogText(300, 9)],
  ] as const) {
    it(`model 3: runs (up to 64 bytes a decision) stay within the bound: after ${what}, an 8 MiB frame of 1 payload byte is CORRUPT early`, () => {
      const bomb = bombAfter(warm, MODEL_ID);
      const at = gaveOutAt(bomb);
      // (1 payload byte + the first read-ahead) x ~363,409 decisions x at most 64 bytes each (FORMAT.md §8).
      assert.ok(at > 0 && at <= 2 * 363_500 * 64 && at < MAX_FRAME_RAW, `gave up only at byte ${at}`);
    });
  }

  it('streams of format version 1 (nnzip 0.1.0) still decode; version 4 is refused by name', () => {
    const text = logText(50_000, 5);
    const v2 = splitStream(compressSync(text, { level: 3, frameSize: 16_384 }));
    // Rebuild it as version 1: the same payloads, each frame's CRC of its own bytes.
    let at = 0;
    const v1Frames = v2.frames.map((f) => {
      const raw = f.readUInt32BE(1);
      const own = require('node:zlib').crc32(text.subarray(at, at + raw)) as number;
      at += raw;
      return frame(f[0], raw, f.subarray(13), own);
    });
    const p = { modelId: MODEL_ID, level: 3, tableBits: v2.header[7] };
    const v1 = Buffer.concat([header(p, 1), ...v1Frames, v2.end]);
    assert.ok(decompressSync(v1).equals(text));
    // A version 2 decoder does not take version 1's per-frame checks as running ones, nor the reverse.
    const mixed = Buffer.concat([header(p, 2), ...v1Frames, v2.end]);
    assert.throws(() => decompressSync(mixed), { code: 'ERR_NNZIP_CHECKSUM' });
    // (The same frames in format 3, a single block, are as good as in format 2.)
    assert.ok(decompressSync(Buffer.concat([header(p, 3), ...v2.frames, v2.end])).equals(text));
    assert.throws(() => decompressSync(Buffer.concat([header(p, 4), ...v2.frames, v2.end])), {
      code: 'ERR_NNZIP_UNSUPPORTED_VERSION',
      message: /version 4 .*versions 1 to 3/,
    });
  });
});
