// Test hooks (test/kernel): one record model.
import { RecordModel } from '../record';

let rec: RecordModel | null = null;

export function hookRecordNew(): void {
  rec = new RecordModel();
}
export function hookRecordPush(c: i32): void {
  rec!.push(c);
}
export function hookRecordActive(): i32 {
  return rec!.active ? 1 : 0;
}
export function hookRecordLength(): i32 {
  return rec!.length;
}
export function hookRecordAboveHash(): i32 {
  return rec!.aboveHash();
}
export function hookRecordAboveLeftHash(c1: i32): i32 {
  return rec!.aboveLeftHash(c1);
}
export function hookRecordTwoAboveHash(): i32 {
  return rec!.twoAboveHash();
}
