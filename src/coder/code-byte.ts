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
 * construction: the lockstep the format depends on.
 */
import type { Predictor } from '../model/predictor';

export interface BitChannel {
  /** Meets one decision with P(bit = 1) = p1 / 65536; returns the bit as it stands in the stream. */
  code(bit: number, p1: number): number;
}

/** The channel of bytes that are already known: no coder, only learning. */
export const KNOWN_BITS: BitChannel = { code: (bit) => bit };

/**
 * Codes byte `c` (ignored when decoding) through `channel` and returns the
 * byte: first "the byte is the guess" when the model has a guess it trusts,
 * then, without a guess or after a miss, the 8 bits, most significant first.
 */
export function codeByte(model: Predictor, channel: BitChannel, c: number): number {
  const guess = model.expected();
  if (guess >= 0) {
    const hit = channel.code(c === guess ? 1 : 0, model.predictHit());
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
