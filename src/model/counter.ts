/**
 * Adaptive bit counters, the memory of every context: a 32-bit word holding a
 * probability (22 bits, stored xor 0.5 so that an all-zero word means
 * "unseen, p = 1/2") and a visit count (10 bits). A counter seen n times moves
 * about 1/(n + 1.5) of the way towards each new bit, so it starts as a
 * frequency count and settles to a rate of 1/(limit + 1.5).
 */
import { STRETCH } from './logistic';
import { P16_RATE_SHIFT } from './settings';

export const COUNTER_HALF = 0x200000;
export const COUNT_MASK = 1023;
/**
 * The same two values for the hot functions below: a const enum is emitted
 * as literals, where an exported const would be read from the module's
 * exports object on every call.
 */
const enum K {
  Half = 0x200000,
  Mask = 1023,
}

/** RATE[n]: the step of a counter seen n times, about 1 / (n + 1.5), in 1/65536ths (exact in binary). */
const RATE = new Float64Array(1024);
for (let n = 0; n < 1024; n++) RATE[n] = Math.floor(65536 / (n + 1.5)) / 65536;

/** Stretch of a counter at 12-bit precision: 8 KB, so it stays in the L1 cache beside the hot loop. */
const STRETCH12 = new Int16Array(4096);
for (let i = 0; i < 4096; i++) STRETCH12[i] = STRETCH[i * 16 + 8];

/** The counter's logit, in 1/256 units. */
export function counterLogit(v: number): number {
  return STRETCH12[((v >>> 10) ^ K.Half) >>> 10];
}

/**
 * The counter after seeing `bit`; its count stops at `limit`. Returned as a
 * signed 32-bit integer (the same bits a Uint32Array stores): an unsigned
 * result above 2^31 is a heap number in V8, one allocation per update where
 * this is not inlined.
 */
export function counterNext(v: number, bit: number, limit: number): number {
  const count = v & K.Mask;
  let p = (v >>> 10) ^ K.Half;
  p = (p + ((bit ? 0x3fffff : 0) - p) * RATE[count]) | 0;
  return ((p ^ K.Half) << 10) | (count < limit ? count + 1 : limit);
}

/**
 * A direct 16-bit probability of a 1 (p16, kept in [1, 65535]) in `t[i]`
 * moved 1/64 of the way towards `bit`: the small direct tables of the match
 * model and the weak guess, which adapt at a fixed rate, without a count.
 */
export function adapt16(t: Int32Array, i: number, bit: number): void {
  t[i] += ((bit ? 65535 : 1) - t[i]) >> P16_RATE_SHIFT;
}
