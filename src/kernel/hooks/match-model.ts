// Test hooks (test/kernel): one match model.
import { MatchModel } from '../match-model';

let match: MatchModel | null = null;

export function hookMatchNew(historyBits: i32, tableBits: i32, recentBits: i32): void {
  match = new MatchModel(historyBits, tableBits, recentBits);
}
export function hookMatchPush(c: i32, c4: i32, c8: i32): void {
  match!.push(c, c4, c8);
}
export function hookMatchInput(c0: i32, bitPos: i32): i32 {
  return match!.input(c0, bitPos);
}
export function hookMatchLearn(bit: i32): void {
  match!.learn(bit);
}
export function hookMatchAhead(k: i32): i32 {
  return match!.ahead(k);
}
export function hookMatchAvailable(): i32 {
  return match!.available();
}
export function hookMatchStop(): void {
  match!.stop();
}
export function hookMatchTakeRun(n: i32, c4: i32, c8: i32): void {
  match!.takeRun(n, c4, c8);
}
export function hookMatchLen(): i32 {
  return match!.len;
}
export function hookMatchSlot(): i32 {
  return match!.slot;
}
export function hookMatchByte(): i32 {
  return match!.byte;
}
