// src/model/weak-guess.ts (models 2-3: the same code).
import { adapt16 } from './counter';
import { stretch } from './logistic';
import { P16_HALF } from './settings';

@final export class WeakGuess {
  /** The weak guess of this byte, or -1. */
  byte: i32 = -1;
  /** P(the next bit is the guess's) as p16, by bit position × 32 + the guess's P(hit) / 2048. */
  private readonly counters: StaticArray<i32> = new StaticArray<i32>(8 * 32);
  /** STRETCH of each counter, kept up to date when it learns. */
  private readonly stretched: StaticArray<i32> = new StaticArray<i32>(8 * 32);
  private slot: i32 = -1;
  private bit: i32 = 0;

  /** Reads STRETCH: made after JavaScript has written it (index.ts init). */
  constructor() {
    const counters = this.counters;
    const stretched = this.stretched;
    const st = stretch(P16_HALF);
    for (let i = 0; i < 8 * 32; i++) {
      unchecked((counters[i] = P16_HALF));
      unchecked((stretched[i] = st));
    }
  }

  /** c0: the byte's bits so far behind a leading 1, at bitPos; hitP: the guess's P(hit) as p16. */
  // @ts-ignore: decorator
  @inline input(c0: i32, bitPos: i32, hitP: i32): i32 {
    const byte = this.byte;
    const g = byte | 256;
    const bit = (g >>> (7 - bitPos)) & 1;
    this.bit = bit;
    if (byte >= 0 && g >>> (8 - bitPos) == c0) {
      const slot = bitPos * 32 + (<u32>hitP >>> 11);
      this.slot = slot;
      const st = unchecked(this.stretched[slot]);
      return bit ? st : -st;
    }
    this.slot = -1;
    return 0;
  }

  /** Learns whether the bit after input() was the guess's. */
  // @ts-ignore: decorator
  @inline learn(bit: i32): void {
    const slot = this.slot;
    if (slot >= 0) {
      const counters = this.counters;
      adapt16(counters, slot, bit == this.bit ? 1 : 0);
      unchecked((this.stretched[slot] = stretch(unchecked(counters[slot]))));
    }
  }
}
