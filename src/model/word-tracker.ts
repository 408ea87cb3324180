/**
 * The word tracker (model 3, text contexts): the current word and the one
 * before it, letters only and case folded, so that "The" and "the" share
 * their statistics and a word's successor is learned across capitals.
 *
 * A word is a run of letters (ASCII, case folded) and bytes >= 0x80 (UTF-8
 * sequences); any other byte ends it. Apostrophes stay inside a word
 * ("don't"), as in English prose. Digits end a word but are not words of
 * their own here (numbers are the log models' part).
 */
import { mixIn } from './hash';

/** Case-folded letters and bytes >= 0x80 make words (0: not a word byte). */
function foldedWordByte(c: number): number {
  // Branch-free (c | 32 folds exactly the capitals onto the small letters):
  // a kind of byte first seen after V8 has optimised the caller (a binary
  // file's first high byte, a text's first capital) then meets no operation
  // without type feedback, which would throw that code away.
  const folded = c | 32;
  const letter = (folded - 97) >>> 0 < 26;
  const high = c >= 128;
  return high ? c : letter ? folded : 0;
}

export class WordTracker {
  /** Hash of the current word's folded letters so far (0: not in a word). */
  word = 0;
  /** Hash of the previous complete word (0: none yet). */
  prevWord = 0;
  /** Hash of the word before prevWord. */
  prevWord2 = 0;

  /** Forgets the words if `reset` (a new stretch of text, Predictor.textMode; branch-free stores: called on every mode switch, see Predictor.switchMode). */
  resetWhen(reset: boolean): void {
    this.word = reset ? 0 : this.word;
    this.prevWord = reset ? 0 : this.prevWord;
    this.prevWord2 = reset ? 0 : this.prevWord2;
  }

  /** Takes in byte c. */
  push(c: number): void {
    // Every operand on every call, the outcomes chosen by moves only (see foldedWordByte).
    const f = foldedWordByte(c);
    const word = this.word;
    const prevWord = this.prevWord;
    const open = word !== 0;
    // A letter, or an apostrophe inside a word (part of it: "don't").
    const apostrophe = c === 39;
    const inWord = f !== 0 || (apostrophe && open);
    const hashed = mixIn(word, f !== 0 ? f : 39);
    const next = hashed === 0 ? 1 : hashed;
    // Any other byte ends the word.
    const ends = !inWord && open;
    this.prevWord2 = ends ? prevWord : this.prevWord2;
    this.prevWord = ends ? word : prevWord;
    this.word = inWord ? next : 0;
  }
}
