// src/model/hash.ts (i32 arithmetic wraps as Math.imul and `| 0` do).
// @ts-ignore: decorator
@inline export function hash3(a: i32, b: i32, c: i32): i32 {
  let h = (a * 0x9e3779b1) ^ ((b + 0x7f4a7c15) * 0x85ebca6b);
  h = (h ^ (h >>> 15) ^ ((c + 0x2545f491) * 0xc2b2ae35)) * 0x27d4eb2f;
  return h ^ (h >>> 13);
}

// @ts-ignore: decorator
@inline export function mixIn(h: i32, x: i32): i32 {
  return (h ^ x) * 0x2f0f3c6b + 0x61c88647;
}
