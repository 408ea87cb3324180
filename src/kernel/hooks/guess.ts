// Test hooks (test/kernel): one guess offer (with its expected-byte model)
// and the match model, line tracker and weak guess it reads, of its own.
import { lengthBucket } from '../expect';
import { GuessOffer } from '../guess';
import { LineTracker } from '../line-tracker';
import { MatchModel } from '../match-model';
import { WeakGuess } from '../weak-guess';

let guess: GuessOffer | null = null;
let gMatch: MatchModel | null = null;
let gLine: LineTracker | null = null;
let gWeak: WeakGuess | null = null;

export function hookGuessNew(threshold: i32, hashBits: i32, counterLimit: i32, numericThreshold: i32, historyBits: i32, tableBits: i32, recentBits: i32): void {
  guess = new GuessOffer(threshold, hashBits, counterLimit, true, numericThreshold);
  gMatch = new MatchModel(historyBits, tableBits, recentBits);
  gLine = new LineTracker();
  gWeak = new WeakGuess();
}
/** The byte's end: the match model and the line tracker take it, the line tracker looks ahead. */
export function hookGuessPush(c: i32, c4: i32, c8: i32): void {
  gMatch!.push(c, c4, c8);
  gLine!.push(c);
  gLine!.look();
}
/** One coded bit: the match model's input() and learn(). */
export function hookGuessMatchBit(c0: i32, bitPos: i32, bit: i32): void {
  gMatch!.input(c0, bitPos);
  gMatch!.learn(bit);
}
export function hookGuessMatchStop(): void {
  gMatch!.stop();
}
export function hookGuessMatchLen(): i32 {
  return gMatch!.len;
}
/** offer(); numericDigit: what the numeric tracker's expectedDigit() would say (-1: none). */
export function hookGuessOffer(c4: i32, c8: i32, numericDigit: i32): i32 {
  return guess!.offer(gMatch!, gLine!, c4, c8, gWeak!, numericDigit) ? 1 : 0;
}
export function hookGuessByte(): i32 {
  return guess!.byte;
}
export function hookGuessNumeric(): i32 {
  return guess!.numeric ? 1 : 0;
}
export function hookGuessHitP(): i32 {
  return guess!.hitP;
}
export function hookGuessPredicted(): i32 {
  return guess!.predicted;
}
export function hookGuessWeakByte(): i32 {
  return gWeak!.byte;
}
export function hookGuessUpdate(hit: i32): void {
  guess!.expect.update(hit);
}
export function hookLengthBucket(len: i32): i32 {
  return lengthBucket(len);
}
