// Test hooks (test/kernel): one numeric tracker and one numeric input.
import { NumericInput, NumericTracker } from '../numeric';

let numeric: NumericTracker | null = null;
let numericInput: NumericInput | null = null;

export function hookNumericNew(): void {
  numeric = new NumericTracker();
  numericInput = new NumericInput();
}
export function hookNumericPush(c: i32): void {
  numeric!.push(c);
}
export function hookNumericDiffHash(c1: i32): i32 {
  return numeric!.diffHash(c1);
}
export function hookNumericDeltaHash(c1: i32): i32 {
  return numeric!.deltaHash(c1);
}
export function hookNumericDiffState(): i32 {
  return numeric!.diffState;
}
export function hookNumericExpectedDigit(): i32 {
  return numeric!.expectedDigit();
}
export function hookNumericDeltaGroup(): i32 {
  return numeric!.deltaGroup();
}
export function hookNumericSelect(excluded: i32, c1: i32): void {
  numericInput!.select(numeric!, excluded, c1);
}
export function hookNumericSelectSecond(nibble: i32): void {
  numericInput!.selectSecond(nibble);
}
export function hookNumericInput(ci: i32): i32 {
  return numericInput!.input(ci);
}
export function hookNumericLearn(bit: i32): void {
  numericInput!.learn(bit);
}
