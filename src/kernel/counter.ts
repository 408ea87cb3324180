// src/model/counter.ts: adaptive bit counters (22-bit probability xor 0.5, 10-bit count).
import { P16_RATE_SHIFT } from './settings';
import { STRETCH } from './logistic';

const HALF: u32 = 0x200000;
const MASK: u32 = 1023;

/** RATE[n]: the step of a counter seen n times (counter.ts RATE). */
const RATE = new StaticArray<f64>(1024);
/** Stretch of a counter at 12-bit precision (counter.ts STRETCH12): built by initCounters, after JavaScript has written STRETCH. */
const STRETCH12 = new StaticArray<i16>(4096);

export function initCounters(): void {
  for (let n = 0; n < 1024; n++) unchecked((RATE[n] = Math.floor(65536 / (<f64>n + 1.5)) / 65536));
  for (let i = 0; i < 4096; i++) unchecked((STRETCH12[i] = STRETCH[i * 16 + 8]));
}

// @ts-ignore: decorator
@inline export function counterLogit(v: u32): i32 {
  return <i32>unchecked(STRETCH12[((v >>> 10) ^ HALF) >>> 10]);
}

// @ts-ignore: decorator
@inline export function counterNext(v: u32, bit: i32, limit: u32): u32 {
  const count = v & MASK;
  let p = <i32>((v >>> 10) ^ HALF);
  p = <i32>(<f64>p + <f64>((bit ? 0x3fffff : 0) - p) * unchecked(RATE[count]));
  return ((<u32>p ^ HALF) << 10) | (count < limit ? count + 1 : limit);
}

/** A direct p16 in t[i] moved 1/64 of the way towards `bit` (counter.ts adapt16). */
// @ts-ignore: decorator
@inline export function adapt16(t: StaticArray<i32>, i: i32, bit: i32): void {
  const v = unchecked(t[i]);
  unchecked((t[i] = v + (((bit ? 65535 : 1) - v) >> P16_RATE_SHIFT)));
}
