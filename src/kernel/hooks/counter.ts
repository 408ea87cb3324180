// Test hooks (test/kernel): counters and hashes.
import { counterLogit, counterNext } from '../counter';
import { hash3, mixIn } from '../hash';

export function hookCounterLogit(v: u32): i32 {
  return counterLogit(v);
}
export function hookCounterNext(v: u32, bit: i32, limit: u32): u32 {
  return counterNext(v, bit, limit);
}
export function hookHash3(a: i32, b: i32, c: i32): i32 {
  return hash3(a, b, c);
}
export function hookMixIn(h: i32, x: i32): i32 {
  return mixIn(h, x);
}
