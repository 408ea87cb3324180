// Test hooks (test/kernel): one word tracker.
import { WordTracker } from '../word-tracker';

let words: WordTracker | null = null;

export function hookWordNew(): void {
  words = new WordTracker();
}
export function hookWordPush(c: i32): void {
  words!.push(c);
}
export function hookWordResetWhen(reset: i32): void {
  words!.resetWhen(reset != 0);
}
export function hookWordWord(): i32 {
  return words!.word;
}
export function hookWordPrevWord(): i32 {
  return words!.prevWord;
}
export function hookWordPrevWord2(): i32 {
  return words!.prevWord2;
}
