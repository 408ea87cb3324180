/**
 * The weak guess (model 2): a guess the expected-byte model does not trust
 * enough to code as its own decision still helps the bit network. While the
 * byte's bits agree with it, one input is ± the logit of P(the next bit is
 * the guess's), learned by bit position and by how much the expected-byte
 * model trusted the guess.
 */
import { adapt16 } from './counter';
import { STRETCH } from './logistic';
import { P16_HALF } from './settings';

export class WeakGuess {
  /** The weak guess of this byte, or -1. */
  byte = -1;
  /** P(the next bit is the guess's) as p16, by bit position × 32 + the guess's P(hit) / 2048. */
  private readonly counters = new Int32Array(8 * 32).fill(P16_HALF);
  /**
   * STRETCH of each counter, kept up to date when it learns: input() then
   * reads this small table instead of the 128 KiB STRETCH, often cold after
   * a stretch of guessed bytes (same values, so the same output).
   */
  private readonly stretched = new Int16Array(8 * 32).fill(STRETCH[P16_HALF]);
  /** The counter of the current bit, or -1. */
  private slot = -1;
  /** The guess's bit at the current position. */
  private bit = 0;

  constructor() {
    // A second value now: see MatchModel's constructor.
    this.bit = 1;
    this.bit = 0;
  }

  /**
   * The input for the next bit (c0: the byte's bits so far behind a leading
   * 1, at bitPos; hitP: the guess's P(hit) as p16): + the logit if the
   * guess's bit is 1, − if 0; 0 without a guess or once the byte left it.
   */
  input(c0: number, bitPos: number, hitP: number): number {
    const g = this.byte | 256;
    // Computed on every call, with or without a guess: see MatchModel.input.
    const agrees = g >>> (8 - bitPos) === c0;
    const bit = (g >>> (7 - bitPos)) & 1;
    const slot = bitPos * 32 + (hitP >>> 11);
    const st = this.stretched[slot];
    const negated = -st; // (-0 for 0, from the first call on: V8 learns here that it occurs)
    const signed = bit ? st : negated;
    const guessed = this.byte >= 0 && agrees;
    this.slot = guessed ? slot : -1;
    this.bit = bit; // (read by learn() only when slot >= 0)
    return guessed ? signed : 0;
  }

  /** Learns whether the bit after input() was the guess's. */
  learn(bit: number): void {
    const slot = this.slot;
    if (slot >= 0) {
      adapt16(this.counters, slot, bit === this.bit ? 1 : 0);
      this.stretched[slot] = STRETCH[this.counters[slot]];
    }
  }
}
