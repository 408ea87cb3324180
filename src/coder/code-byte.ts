/**
 * The one coding routine: how a byte becomes decisions (lpaq1's `code(y)`
 * seam). The compressor, the decompressor and the learner of stored frames
 * all run it; they differ only in the BitChannel that meets each decision:
 *
 *   RangeEncoder  codes the given bit, returns it
 *   RangeDecoder  ignores the given bit, returns the decoded one (and stops
 *                 a payload that is read too far past its end: overrun rule)
 *   KNOWN_BITS    returns the given bit (stored frames: the bytes are known,
 *                 the model must still learn them)
 *
 * So the model sees the same decisions in the same order on every path, by
 * construction: the lockstep the format depends on. The WebAssembly kernel
 * (level 6) runs a line-by-line copy, src/kernel/code-span.ts, on its own
 * model and coders; test/kernel/streams.test.ts holds the two to the same
 * bytes and the same errors.
 *
 * The frame codecs call codeNext, which knows the frame: with model 3 a
 * decision may cover a run of bytes (up to 64), so the encoder needs the
 * bytes ahead, up to the frame's end, whatever slice of the frame it is
 * asked to code, and both sides cap a run at the bytes left in the frame.
 */
import { NnzipError } from '../format/errors';
import type { Predictor } from '../model/predictor';

/** What the coding routine asks of a model (the JavaScript Predictor; the kernel runs its own copy of this routine, src/kernel/code-span.ts). */
export type CodingModel = Pick<Predictor, 'runLength' | 'runByte' | 'predictRun' | 'updateRun' | 'expected' | 'predictHit' | 'updateHit' | 'predict' | 'update'>;

export interface BitChannel {
  /** Meets one decision with P(bit = 1) = p1 / 65536; returns the bit as it stands in the stream. */
  code(bit: number, p1: number): number;
}

/** The channel of bytes that are already known: no coder, only learning. */
export const KNOWN_BITS: BitChannel = { code: (bit) => bit };

/**
 * Codes the next decisions of a frame at buf[i] (i < end, end the frame's
 * length): a run of bytes (model 3) or one byte; returns how many bytes
 * they covered. Encoding (and learning a stored frame) reads buf, which must
 * hold the whole frame; decoding (`decoding`) writes the bytes into it.
 */
export function codeNext(model: CodingModel, channel: BitChannel, buf: Uint8Array, i: number, end: number, decoding: boolean): number {
  const n = model.runLength(end - i);
  if (n > 0) {
    let right = 1;
    if (!decoding) {
      for (let k = 0; k < n; k++) {
        if (buf[i + k] !== model.runByte(k)) {
          right = 0;
          break;
        }
      }
    }
    const hit = channel.code(right, model.predictRun());
    if (hit && decoding) for (let k = 0; k < n; k++) buf[i + k] = model.runByte(k);
    // One call for a hit and a miss (after reading the bytes: taking them in
    // moves the match on): the outcome seen second, often after V8 has
    // optimised this function, then meets a call with type feedback.
    model.updateRun(hit);
    if (hit) return n;
  }
  const c = codeByte(model, channel, buf[i]);
  if (decoding) buf[i] = c;
  return 1;
}

/** How many bytes the frame codecs ask codeSpan for at a time (where spans end never changes the output). */
export const SPAN_BYTES = 1024;

/**
 * Codes buf[i..end) with codeNext, decision after decision (a run may end
 * past `end`, never past the frame's `length`); returns where it stopped.
 * A decoding error is told where the payload gave out (the overrun rule,
 * range-coder.ts). The frame codecs call it for a short span at a time
 * (SPAN_BYTES): V8 then optimises it as a whole function, once. Had the
 * frame's long loop been optimised in its middle (on-stack replacement), the
 * next frame would have it compiled again, and a statement after such a
 * loop, never run by then, would throw the code away at the loop's end
 * (issue 11: compile time per process).
 */
export function codeSpan(model: CodingModel, channel: BitChannel, buf: Uint8Array, i: number, end: number, length: number, decoding: boolean): number {
  try {
    while (i < end) i += codeNext(model, channel, buf, i, length, decoding);
  } catch (err) {
    if (decoding && err instanceof NnzipError) err.message += ` (at byte ${i + 1} of ${length})`;
    throw err;
  }
  return i;
}

/**
 * One byte's decisions, after codeNext's run decision if any: first "the
 * byte is the guess" when the model has a guess it trusts, then, without a
 * guess or after a miss, the 8 bits, most significant first. Codes byte `c`
 * (ignored when decoding) and returns it. With model 3 only codeNext may
 * call it (the run decision comes first).
 */
export function codeByte(model: CodingModel, channel: BitChannel, c: number): number {
  const guess = model.expected();
  // (Compared on every call: a stream's first guess may come after V8 has optimised this.)
  const right = c === guess ? 1 : 0;
  if (guess >= 0) {
    const hit = channel.code(right, model.predictHit());
    model.updateHit(hit);
    if (hit) return guess;
  }
  let byte = 0;
  for (let b = 7; b >= 0; b--) {
    const bit = channel.code((c >> b) & 1, model.predict());
    model.update(bit);
    byte = (byte << 1) | bit;
  }
  return byte;
}
