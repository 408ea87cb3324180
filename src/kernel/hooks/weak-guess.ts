// Test hooks (test/kernel): one weak guess.
import { WeakGuess } from '../weak-guess';

let weak: WeakGuess | null = null;

export function hookWeakNew(): void {
  weak = new WeakGuess();
}
export function hookWeakSetByte(byte: i32): void {
  weak!.byte = byte;
}
export function hookWeakInput(c0: i32, bitPos: i32, hitP: i32): i32 {
  return weak!.input(c0, bitPos, hitP);
}
export function hookWeakLearn(bit: i32): void {
  weak!.learn(bit);
}
