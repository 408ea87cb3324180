/**
 * This byte's guess (models 2 and 3): the match model's next byte, else the
 * previous line's byte at this offset of this field; the expected-byte model
 * (expect.ts) gives P(it is right). At least the level's threshold: it is
 * coded as its own decision; weaker: it is the weak guess, an input of the
 * bit network (weak-guess.ts). Model 1 never guesses (threshold −1).
 *
 * Model 3's level 6 (numericThreshold): where that guess is too weak, the
 * digit the previous line's number plus its change foretells (numeric.ts
 * expectedDigit) is a second candidate (Agree.Numeric). Measured on the
 * level-6 logs, where the first guess was weak and the two differed, the
 * digit was right 6 times as often on Linux_full (38.5k vs 5.5k bytes); where
 * the first was strong enough, the first (52k vs 2k): so only then.
 */
import { Agree, ExpectModel, Expectation, lengthBucket } from './expect';
import type { LineTracker } from './line-tracker';
import type { MatchModel } from './match-model';
import type { NumericTracker } from './numeric';
import type { WeakGuess } from './weak-guess';

export class GuessOffer {
  /** The guess to be coded now, or -1. */
  byte = -1;
  /** The coded guess is the numeric one (numeric.ts expectedDigit), not the match's nor the field's. */
  numeric = false;
  /** The expected-byte model's p16 for this byte's guess (coded or weak). */
  hitP = 0;
  /** A guess too weak to be coded: the byte of the expected-byte model's last prediction, which it learns about at the byte's end; else -1. */
  predicted = -1;
  readonly expect: ExpectModel;
  /** p16 a guess needs to be coded as its own decision; -1 in model 1 (no guesses). The predictor may move it (text, model 3). */
  threshold: number;
  private readonly expectation: Expectation = { byte: 0, lengthBucket: 0, agree: 0, c4: 0, c8: 0, fieldIdx: 0, fieldPos: 0, column: 0 };

  /** p16 a numeric guess needs (or `threshold` if higher); -1: no numeric guesses (ModelPreset.numericGuessThreshold). */
  private readonly numericThreshold: number;

  /** fastExpect: model 3's expected-byte model (ModelPreset.fastExpect). */
  constructor(threshold: number, hashBits: number, counterLimit: number, fastExpect = false, numericThreshold = -1) {
    this.threshold = threshold;
    this.numericThreshold = numericThreshold;
    this.expect = new ExpectModel(hashBits, counterLimit, fastExpect);
    // A second value now: see MatchModel's constructor.
    this.hitP = 1;
    this.hitP = 0;
  }

  /** Picks the guess; true if it is to be coded, else a weak guess (or none) is left in `weak`. */
  offer(match: MatchModel, line: LineTracker, c4: number, c8: number, weak: WeakGuess, numeric: NumericTracker | null): boolean {
    this.byte = -1;
    this.numeric = false;
    this.predicted = -1;
    weak.byte = -1;
    if (this.threshold < 0) return false;
    const field = line.fieldByte - 1;
    let guess = field;
    let agree = 0;
    if (match.len > 0) {
      guess = match.byte & 255;
      agree = Agree.Match;
    }
    if (guess < 0) return false;
    if (field === guess) agree |= Agree.Field;
    if (line.above - 1 === guess) agree |= Agree.Column;
    const e = this.expectation;
    e.byte = guess;
    e.lengthBucket = lengthBucket(match.len);
    e.agree = agree;
    e.c4 = c4;
    e.c8 = c8;
    e.fieldIdx = line.field;
    e.fieldPos = line.fieldPos;
    e.column = line.column;
    this.hitP = this.expect.predict(e);
    // The guess taken, if any, is stored at one place: a numeric guess first
    // taken after V8 has optimised this (and its callers) would otherwise run
    // stores that have never run, and throw that code away.
    let taken = this.hitP >= this.threshold ? guess : -1;
    let numericTaken = false;
    if (taken < 0) {
      this.predicted = guess;
      // Too weak: the previous line's number plus its change may foretell a digit the other sources miss.
      const digit = numeric !== null && this.numericThreshold >= 0 ? numeric.expectedDigit() : -1;
      if (digit >= 0 && digit !== guess) {
        e.byte = digit;
        e.agree = Agree.Numeric | (field === digit ? Agree.Field : 0) | (line.above - 1 === digit ? Agree.Column : 0);
        const firstP = this.hitP;
        this.hitP = this.expect.predict(e);
        const numericThreshold = this.numericThreshold;
        if (this.hitP >= (this.threshold > numericThreshold ? this.threshold : numericThreshold)) {
          taken = digit;
          numericTaken = true;
        } else {
          this.predicted = digit;
          // The weak guess is the likelier one.
          if (this.hitP > firstP) guess = digit;
          else this.hitP = firstP;
        }
      }
    }
    if (taken >= 0) {
      this.byte = taken;
      this.numeric = numericTaken;
      this.predicted = -1;
      return true;
    }
    weak.byte = guess;
    return false;
  }
}
