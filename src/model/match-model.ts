/**
 * The match model: finds the last occurrence of the current 6-byte context
 * and, while the bytes keep agreeing, predicts that the byte that followed it
 * comes again. It is a source of guesses (predictor.ts) and, bit by bit, an
 * input of the bit network: the logit of a counter indexed by how long the
 * match has run and the bit it expects.
 *
 * State per byte: a history ring of the last 2^historyBits bytes, and a hash
 * table from a hash of the last 6 bytes to the position after them.
 */
import { adapt16 } from './counter';
import { hash3 } from './hash';
import { STRETCH } from './logistic';
import { P16_HALF } from './settings';
import { Table, zeroedTable } from './spare-tables';

/** A match needs this many bytes of context (hashed, then verified). */
export const MATCH_MIN = 6;
/** How far back a candidate is verified, so its length starts at most here. */
export const MATCH_MAX_VERIFY = 32;
/** The seed of the context hash (its third argument: "MA"). */
const MATCH_SEED = 0x4d41;

/** The counter index by match length: each length up to 15, then steps of 4, up to 63. */
export function matchLengthBucket(len: number): number {
  // (Branch-free: a branch first taken once V8 has optimised the predictor would throw that code away.)
  return Math.min(len, 15) + Math.min(48, Math.max(0, len - 15) >>> 2);
}

export class MatchModel {
  private readonly history: Uint8Array;
  private readonly historyMask: number;
  private readonly table: Int32Array;
  private readonly tableMask: number;
  /** Bytes seen so far (the position of the next byte in the history, unmasked). */
  private pos = 0;
  /** Where in the history the predicted byte is. */
  private ptr = 0;
  /** How many bytes the match has agreed on; 0: no match. */
  len = 0;
  /** The byte the match predicts next, with a leading 1 bit (256 + byte); meaningful while len > 0. */
  byte = 0;
  /** P(bit = 1) as p16, by matchLengthBucket × 2 + the expected bit. */
  private readonly counters = new Int32Array(64 * 2).fill(P16_HALF);
  /** The counter of the current bit, or -1 when the match predicts nothing for it. */
  slot = -1;
  private expectedBit = 0;
  /** Per 4 KiB of `table`: 1 once this model may have touched it (see push). */
  private readonly written: Uint8Array;

  constructor(historyBits: number, tableBits: number) {
    this.history = zeroedTable(Uint8Array, 2 ** historyBits);
    this.historyMask = 2 ** historyBits - 1;
    this.table = zeroedTable(Int32Array, 2 ** tableBits);
    this.tableMask = 2 ** tableBits - 1;
    this.written = new Uint8Array(Math.ceil(2 ** tableBits / 1024));
    // A second value now for the fields that change while coding: V8 takes a
    // field for a constant until it changes, and throws away the code it
    // optimised meanwhile (the predictor's predict()) when it does.
    this.ptr = this.len = this.byte = this.expectedBit = 1;
    this.ptr = this.len = this.byte = this.expectedBit = 0;
  }

  /**
   * The network input for the next bit of the byte (c0: its bits so far
   * behind a leading 1, at bit position bitPos): the logit of P(bit = 1)
   * while the byte agrees with the predicted one, else 0.
   */
  input(c0: number, bitPos: number): number {
    // Computed on every call, with or without a match: V8 may optimise the
    // predictor before the first match, and operations first run after that
    // (no type feedback yet) would throw the optimised code away.
    const len = this.len;
    const byte = this.byte;
    const expectedBit = (byte >>> (7 - bitPos)) & 1;
    const slot = matchLengthBucket(len) * 2 + expectedBit;
    const agrees = byte >>> (8 - bitPos) === c0;
    const logit = STRETCH[this.counters[slot]];
    this.expectedBit = expectedBit; // (read by learn() only when slot >= 0)
    const matched = len > 0 && agrees;
    this.slot = matched ? slot : -1;
    return matched ? logit : 0;
  }

  /** Learns from the bit after input(); a wrong bit ends the match. */
  learn(bit: number): void {
    if (this.slot < 0) return;
    adapt16(this.counters, this.slot, bit);
    if (bit !== this.expectedBit) this.len = 0;
  }

  /** The k-th byte the match predicts from here (k = 0: the next one; k < available()). */
  ahead(k: number): number {
    return this.history[(this.ptr + k) & this.historyMask];
  }

  /** How many of the predicted bytes the history holds from here on (at least 1 while len > 0). */
  available(): number {
    return ((this.pos - 1 - this.ptr) & this.historyMask) + 1;
  }

  /** Ends the match (its guess missed). */
  stop(): void {
    this.len = 0;
  }

  /** Its big tables, for retireTables. */
  tables(): Table[] {
    return [this.history, this.table];
  }

  /** Appends byte c (c4, c8: the last 8 bytes, c included): extends the match or looks for a new one. */
  push(c: number, c4: number, c8: number): void {
    const h = this.history;
    const mask = this.historyMask;
    h[this.pos & mask] = c;
    this.pos++;
    if (this.len > 0) {
      this.len++;
      this.ptr = (this.ptr + 1) & mask;
    }
    if (this.pos >= MATCH_MIN) {
      const key = (hash3(c4, c8 & 0xffff, MATCH_SEED) >>> 0) & this.tableMask;
      const page = key >>> 10;
      if (this.written[page] === 0) {
        // Untouched, so zero: its first access is a write, which maps a
        // page (a first read would map the shared zero page, then the write
        // would fault again). Its two ends: the kernel's page may start a
        // little into it (malloc's header).
        this.written[page] = 1;
        this.table[page << 10] = 0;
        this.table[(page << 10) | 1023] = 0;
      }
      if (this.len === 0) {
        const cand = this.table[key];
        if (cand > 0) {
          // Verify the candidate backwards: a hash collision gives a short length.
          let len = 0;
          while (len < MATCH_MAX_VERIFY && len < this.pos - 1 && h[(cand - 1 - len) & mask] === h[(this.pos - 1 - len) & mask]) {
            len++;
          }
          if (len >= MATCH_MIN) {
            this.len = len;
            this.ptr = cand & mask;
          }
        }
      }
      this.table[key] = this.pos & 0x7fffffff;
    }
    if (this.len > 0) this.byte = h[this.ptr] | 256;
  }
}
