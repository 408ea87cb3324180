// src/model/word-tracker.ts: the current word and the two before it, letters only and case folded.
import { mixIn } from './hash';

/** Case-folded letters and bytes >= 0x80 make words (0: not a word byte). */
// @ts-ignore: decorator
@inline function foldedWordByte(c: i32): i32 {
  const folded = c | 32;
  const letter = <u32>(folded - 97) < 26;
  return c >= 128 ? c : letter ? folded : 0;
}

@final export class WordTracker {
  /** Hash of the current word's folded letters so far (0: not in a word). */
  word: i32 = 0;
  /** Hash of the previous complete word (0: none yet). */
  prevWord: i32 = 0;
  /** Hash of the word before prevWord. */
  prevWord2: i32 = 0;

  /** Forgets the words if `reset` (a new stretch of text). */
  resetWhen(reset: bool): void {
    if (reset) {
      this.word = 0;
      this.prevWord = 0;
      this.prevWord2 = 0;
    }
  }

  /** Takes in byte c. */
  push(c: i32): void {
    const f = foldedWordByte(c);
    const word = this.word;
    const prevWord = this.prevWord;
    const open = word != 0;
    // A letter, or an apostrophe inside a word (part of it: "don't").
    const inWord = f != 0 || (c == 39 && open);
    const hashed = mixIn(word, f != 0 ? f : 39);
    const next = hashed == 0 ? 1 : hashed;
    // Any other byte ends the word.
    const ends = !inWord && open;
    this.prevWord2 = ends ? prevWord : this.prevWord2;
    this.prevWord = ends ? word : prevWord;
    this.word = inWord ? next : 0;
  }
}
