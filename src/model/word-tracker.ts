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

/** Case-folded letters and bytes >= 0x80 make words (0: not a word byte). */
function foldedWordByte(c: number): number {
  if (c >= 97 && c <= 122) return c;
  if (c >= 65 && c <= 90) return c + 32;
  return c >= 128 ? c : 0;
}

export class WordTracker {
  /** Hash of the current word's folded letters so far (0: not in a word). */
  word = 0;
  /** Hash of the previous complete word (0: none yet). */
  prevWord = 0;
  /** Hash of the word before prevWord. */
  prevWord2 = 0;

  /** Forgets the words (a new stretch of text, Predictor.textMode). */
  reset(): void {
    this.word = 0;
    this.prevWord = 0;
    this.prevWord2 = 0;
  }

  /** Takes in byte c. */
  push(c: number): void {
    const f = foldedWordByte(c);
    if (f !== 0) {
      this.word = (Math.imul(this.word ^ f, 0x2f0f3c6b) + 0x61c88647) | 0;
      if (this.word === 0) this.word = 1;
    } else if (c === 39 && this.word !== 0) {
      // An apostrophe inside a word: part of it.
      this.word = (Math.imul(this.word ^ 39, 0x2f0f3c6b) + 0x61c88647) | 0;
      if (this.word === 0) this.word = 1;
    } else if (this.word !== 0) {
      this.prevWord2 = this.prevWord;
      this.prevWord = this.word;
      this.word = 0;
    }
  }
}
