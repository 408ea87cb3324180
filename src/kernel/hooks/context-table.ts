// Test hooks (test/kernel): one context table, driven as Predictor drives it.
import { ContextTable } from '../context-table';

let table: ContextTable | null = null;

export function hookContextTableNew(contexts: i32, tableBits: i32, limit: i32): void {
  // Only the number of kinds matters at level 6 (all hashed lines).
  table = new ContextTable(new StaticArray<i32>(contexts), tableBits, limit, true);
}
export function hookContextTableSetN(n: i32): void {
  table!.n = n;
}
export function hookContextTableSetHash(i: i32, h: i32): void {
  table!.hashes[i] = h;
}
export function hookContextTableHash(i: i32): i32 {
  return table!.hashes[i];
}
export function hookContextTableSelectFirst(): void {
  table!.selectFirst();
}
export function hookContextTableSelectSecond(hi: i32): void {
  table!.selectSecond(hi);
}
export function hookContextTableLine(i: i32): i32 {
  return table!.line[i];
}
/** As Predictor.predict: slot[i] = line[i] + ci; returns the counter there. */
export function hookContextTableRead(i: i32, ci: i32): u32 {
  const t = table!;
  const s = t.line[i] + ci;
  t.slot[i] = s;
  return t.t[s];
}
export function hookContextTableSlot(i: i32): i32 {
  return table!.slot[i];
}
export function hookContextTableUpdate(bit: i32): void {
  table!.update(bit);
}
export function hookContextTableLength(): i32 {
  return table!.t.length;
}
/** A checksum of the whole table: h = h * 31 + t[i] (u32, wrapping). */
export function hookContextTableChecksum(): u32 {
  const t = table!.t;
  let h: u32 = 0;
  for (let i = 0; i < t.length; i++) h = h * 31 + t[i];
  return h;
}
