// Test hooks (test/kernel): one line tracker.
import { LineTracker } from '../line-tracker';

let line: LineTracker | null = null;
let bytes: usize = 0;
let bytesCapacity: i32 = 0;

export function hookLineNew(): void {
  line = new LineTracker();
}
export function hookLinePush(c: i32): void {
  line!.push(c);
}
/** Room for n bytes, for JavaScript to write before hookLineTakeRun(n) or hookLineFieldAgreement(n). */
export function hookLineBytes(n: i32): usize {
  if (n > bytesCapacity) {
    bytes = heap.alloc(<usize>n);
    bytesCapacity = n;
  }
  return bytes;
}
export function hookLineTakeRun(n: i32): void {
  line!.takeRun(bytes, n);
}
export function hookLineFieldAgreement(n: i32): i32 {
  return line!.fieldAgreement(bytes, n);
}
export function hookLineLook(): void {
  line!.look();
}
export function hookLineColumn(): i32 {
  return line!.column;
}
export function hookLineField(): i32 {
  return line!.field;
}
export function hookLineFieldPos(): i32 {
  return line!.fieldPos;
}
export function hookLineAbove(): i32 {
  return line!.above;
}
export function hookLineFieldByte(): i32 {
  return line!.fieldByte;
}
export function hookLineColumnCtx(): i32 {
  return line!.columnCtx;
}
export function hookLineFieldCtx(): i32 {
  return line!.fieldCtx;
}
