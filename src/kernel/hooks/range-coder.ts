// Test hooks (test/kernel): one range encoder and one range decoder.
import { RangeDecoder, RangeEncoder } from '../range-coder';

let encoder: RangeEncoder | null = null;
let decoder: RangeDecoder | null = null;
let payload: usize = 0;
let payloadCapacity: i32 = 0;

export function hookRangeEncoderNew(initialCapacity: i32): void {
  encoder = new RangeEncoder(initialCapacity);
}
export function hookRangeEncoderReset(): void {
  encoder!.reset();
}
export function hookRangeEncode(bit: i32, p1: i32): void {
  encoder!.encode(bit, p1);
}
/** Ends the code; returns its length in bytes (at hookRangeEncoderBuffer()). */
export function hookRangeEncoderFinish(): i32 {
  return encoder!.finish();
}
export function hookRangeEncoderBuffer(): usize {
  return encoder!.buffer;
}

/** Room for a payload of n bytes, for JavaScript to write before hookRangeDecoderReset(n). */
export function hookRangeDecoderPayload(n: i32): usize {
  if (n > payloadCapacity) {
    payload = heap.alloc(<usize>n);
    payloadCapacity = n;
  }
  return payload;
}
export function hookRangeDecoderReset(n: i32): void {
  if (decoder === null) decoder = new RangeDecoder();
  decoder!.reset(payload, n);
}
/** The next bit, or -1 once the decoder has read too far past the payload (range-coder.ts throws). */
export function hookRangeDecode(p1: i32): i32 {
  const bit = decoder!.decode(p1);
  return decoder!.corrupt ? -1 : bit;
}
export function hookRangeDecoderOverrun(): i32 {
  return decoder!.overrun;
}
