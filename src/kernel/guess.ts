// src/model/guess.ts (models 2-3; model 1's "no guesses" is threshold -1, kept).
import { AGREE_COLUMN, AGREE_FIELD, AGREE_MATCH, AGREE_NUMERIC, ExpectModel, lengthBucket } from './expect';
import { LineTracker } from './line-tracker';
import { MatchModel } from './match-model';
import { WeakGuess } from './weak-guess';

@final export class GuessOffer {
  /** The guess to be coded now, or -1. */
  byte: i32 = -1;
  /** The coded guess is the numeric one. */
  numeric: bool = false;
  /** The expected-byte model's p16 for this byte's guess (coded or weak). */
  hitP: i32 = 0;
  /** A guess too weak to be coded: the byte of the expected-byte model's last prediction; else -1. */
  predicted: i32 = -1;
  readonly expect: ExpectModel;
  /** p16 a guess needs to be coded; -1: no guesses. */
  threshold: i32;
  /** p16 a numeric guess needs (or `threshold` if higher); -1: no numeric guesses. */
  private readonly numericThreshold: i32;

  /** fastExpect: only true (model 3) is ported (see expect.ts). */
  constructor(threshold: i32, hashBits: i32, counterLimit: i32, fastExpect: bool = true, numericThreshold: i32 = -1) {
    this.threshold = threshold;
    this.numericThreshold = numericThreshold;
    this.expect = new ExpectModel(hashBits, counterLimit, fastExpect);
  }

  /**
   * Picks the guess; true if it is to be coded, else a weak guess (or none) is left in `weak`.
   *
   * TODO(numeric): the original takes the numeric tracker and calls its
   * expectedDigit() only where the first guess is too weak and numeric
   * guesses are on. Until the kernel's numeric tracker is ported, the caller
   * passes that digit as `numericDigit` (-1: none, as a null tracker); once
   * it is, pass the tracker here instead and call expectedDigit() at the
   * marked place, so it stays lazy.
   */
  offer(match: MatchModel, line: LineTracker, c4: i32, c8: i32, weak: WeakGuess, numericDigit: i32): bool {
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
      agree = AGREE_MATCH;
    }
    if (guess < 0) return false;
    if (field == guess) agree |= AGREE_FIELD;
    if (line.above - 1 == guess) agree |= AGREE_COLUMN;
    const bucket = lengthBucket(match.len);
    const fieldIdx = line.field;
    const fieldPos = line.fieldPos;
    const column = line.column;
    const expect = this.expect;
    this.hitP = expect.predict(guess, bucket, agree, c4, c8, fieldIdx, fieldPos, column);
    let taken = this.hitP >= this.threshold ? guess : -1;
    let numericTaken = false;
    if (taken < 0) {
      this.predicted = guess;
      // TODO(numeric): here: numeric !== null && numericThreshold >= 0 ? numeric.expectedDigit() : -1.
      const digit = this.numericThreshold >= 0 ? numericDigit : -1;
      if (digit >= 0 && digit != guess) {
        const agreeN = AGREE_NUMERIC | (field == digit ? AGREE_FIELD : 0) | (line.above - 1 == digit ? AGREE_COLUMN : 0);
        const firstP = this.hitP;
        this.hitP = expect.predict(digit, bucket, agreeN, c4, c8, fieldIdx, fieldPos, column);
        const numericThreshold = this.numericThreshold;
        if (this.hitP >= (this.threshold > numericThreshold ? this.threshold : numericThreshold)) {
          taken = digit;
          numericTaken = true;
        } else {
          this.predicted = digit;
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
