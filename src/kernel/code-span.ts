// src/coder/code-byte.ts: the one coding routine (codeNext, codeByte), over
// bytes in the instance's memory. The channel is a type argument, so each
// channel gets its own compiled loop, with code() inlined; so is the model
// (Predictor, Predictor1 or Predictor9), so each level's loop calls its own methods directly.

/** The channel of bytes that are already known (code-byte.ts KNOWN_BITS): only learning. */
@final export class KnownBits {
  // @ts-ignore: decorator
  @inline code(bit: i32, _p1: i32): i32 {
    return bit;
  }
}

/**
 * Codes the next decisions at `p` (`left` bytes to the frame's end, at
 * least 1): a run of bytes or one byte; returns how many bytes they covered.
 * Encoding reads the bytes at p; decoding writes them there.
 */
// @ts-ignore: decorator
@inline export function codeNext<M, C>(model: M, channel: C, p: usize, left: i32, decoding: bool): i32 {
  const n = model.runLength(left);
  if (n > 0) {
    let right = 1;
    if (!decoding) {
      for (let k = 0; k < n; k++) {
        if (<i32>load<u8>(p + <usize>k) != model.runByte(k)) {
          right = 0;
          break;
        }
      }
    }
    const hit = channel.code(right, model.predictRun());
    if (hit && decoding) for (let k = 0; k < n; k++) store<u8>(p + <usize>k, <u8>model.runByte(k));
    model.updateRun(hit);
    if (hit) return n;
  }
  const c = codeByte<M, C>(model, channel, decoding ? 0 : <i32>load<u8>(p));
  if (decoding) store<u8>(p, <u8>c);
  return 1;
}

/** One byte's decisions after the run decision (code-byte.ts codeByte): the guess, then the 8 bits; returns the byte. */
// @ts-ignore: decorator
@inline function codeByte<M, C>(model: M, channel: C, c: i32): i32 {
  const guess = model.expected();
  if (guess >= 0) {
    const hit = channel.code(c == guess ? 1 : 0, model.predictHit());
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
