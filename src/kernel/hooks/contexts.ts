// Test hooks (test/kernel): hashContexts over a line tracker and a word tracker of its own.
import { hashContexts, hashContexts9, nextWordHash } from '../contexts';
import { LineTracker } from '../line-tracker';
import { WordTracker } from '../word-tracker';

let line: LineTracker | null = null;
let words: WordTracker | null = null;
let kinds: StaticArray<i32> = new StaticArray<i32>(0);
let out: StaticArray<i32> = new StaticArray<i32>(0);

/** New trackers, and room for n kinds: JavaScript writes them at hookContextsKinds() (i32 each). */
export function hookContextsNew(n: i32): void {
  line = new LineTracker();
  words = new WordTracker();
  kinds = new StaticArray<i32>(n);
  out = new StaticArray<i32>(n);
}
export function hookContextsKinds(): usize {
  return changetype<usize>(kinds);
}
export function hookContextsOut(): usize {
  return changetype<usize>(out);
}
/** Takes byte c into both trackers. */
export function hookContextsPush(c: i32): void {
  line!.push(c);
  words!.push(c);
}
export function hookContextsLook(): void {
  line!.look();
}
export function hookContextsHash(c4: i32, c8: i32, word: i32): void {
  hashContexts(kinds, out, c4, c8, word, line!, words!);
}
export function hookContextsHash9(c4: i32, c8: i32, word: i32): void {
  hashContexts9(kinds, out, c4, c8, word, line!, words!);
}
export function hookNextWordHash(h: i32, c: i32): i32 {
  return nextWordHash(h, c);
}
