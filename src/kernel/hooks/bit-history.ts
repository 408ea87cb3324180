// Test hooks (test/kernel): bit histories over a counter table, lines and slots the test writes.
import { BitHistories } from '../bit-history';
import { Table } from '../table';

let hist: BitHistories | null = null;
let t: Table<u32> | null = null;
let line: Table<i32> | null = null;
let slot: Table<i32> | null = null;
let x: Table<f64> | null = null;

export function hookHistNew(tableLength: i32, contexts: i32, rateShift: i32, inputs: i32): void {
  hist = new BitHistories(tableLength, contexts, rateShift);
  t = new Table<u32>(tableLength);
  line = new Table<i32>(contexts);
  slot = new Table<i32>(contexts);
  x = new Table<f64>(inputs);
}
export function hookHistSetT(i: i32, v: u32): void {
  t![i] = v;
}
export function hookHistSetLine(i: i32, l: i32): void {
  line![i] = l;
}
export function hookHistOwn(n: i32): void {
  hist!.own(t!, line!, n);
}
export function hookHistInputs(ci: i32, n: i32, b: i32, shift: i32): void {
  hist!.inputs(x!, t!, line!, slot!, ci, n, b, shift);
}
export function hookHistX(i: i32): f64 {
  return x![i];
}
export function hookHistSlot(i: i32): i32 {
  return slot![i];
}
export function hookHistLearn(n: i32, bit: i32): void {
  hist!.learn(slot!, n, bit);
}
export function hookHistH(i: i32): i32 {
  return <i32>hist!.h[i];
}
