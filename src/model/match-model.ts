/**
 * The match model: finds the last occurrence of the current 6-byte context
 * and, while the bytes keep agreeing, predicts that the byte that followed it
 * comes again. It is a source of guesses (predictor.ts) and, bit by bit, an
 * input of the bit network: the logit of a counter indexed by how long the
 * match has run and the bit it expects.
 *
 * State per byte: a history ring of the last 2^historyBits bytes, and a hash
 * table from a hash of the last 6 bytes to the position after them.
 *
 * Model 3 (recentBits > 0) splits the index in two: a small table (2^14
 * entries, 64 KB: it stays in the cache) takes every position, and the big
 * one only the positions where a match is looked for (no match running),
 * whose entry the look-up has just brought into the cache anyway. A look-up
 * tries the small table's candidate first, then the big one's. Writing every
 * position to the big table cost a cache (and TLB) miss per byte, 10 % of
 * level 6's time on logs; measured, the output is no larger (biglog -0.16 %,
 * LogHub the same, held-out logs +0.16 %): the recent positions, which predict
 * logs best, stay in the small table.
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
/** Model 3: log2 of the entries of the small index of recent positions (see the top). */
export const MATCH_RECENT_BITS = 14;
/**
 * Model 3: with the recent index, the big one has 2^this fewer entries than
 * the preset's matchBits: it takes only the look-up positions (level 6: 1 MiB
 * instead of 4, so a quarter of the page faults and TLB misses; measured,
 * biglog +0.09 %, LogHub +0.01 %, held-out logs +0.01 %).
 */
const MATCH_BIG_SHRINK = 2;

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
  /** Model 3: the index of recent positions (see the top), or null: every position goes to `table` (models 1-2). */
  private readonly recent: Int32Array | null;
  private readonly recentMask: number;
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

  /** `recentBits`: log2 of the recent positions' index (model 3: MATCH_RECENT_BITS), 0 for none (models 1-2). */
  constructor(historyBits: number, tableBits: number, recentBits = 0) {
    this.history = zeroedTable(Uint8Array, 2 ** historyBits);
    this.historyMask = 2 ** historyBits - 1;
    if (recentBits > 0) tableBits = Math.max(recentBits, tableBits - MATCH_BIG_SHRINK);
    this.table = zeroedTable(Int32Array, 2 ** tableBits);
    this.tableMask = 2 ** tableBits - 1;
    this.recent = recentBits > 0 ? new Int32Array(2 ** recentBits) : null;
    this.recentMask = 2 ** recentBits - 1;
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

  /**
   * Before the first access to the 4 KiB of `table` around `key`: that
   * access must be a write. Untouched, it holds zeros; a first read would map
   * the shared zero page, and the write after it would fault again. Its two
   * ends: the kernel's page may start a little into it (malloc's header).
   */
  private firstTouch(key: number): void {
    const page = key >>> 10;
    if (this.written[page] !== 0) return;
    this.written[page] = 1;
    this.table[page << 10] = 0;
    this.table[(page << 10) | 1023] = 0;
  }

  /** Starts a match at candidate position `cand` (0: none) if the bytes before it agree with the last MATCH_MIN ones. */
  private follow(cand: number): void {
    if (cand <= 0) return;
    const h = this.history;
    const mask = this.historyMask;
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

  /**
   * Appends the match's next n bytes (a run that was right: n <= available()),
   * as n push() calls would. c4, c8: the last 8 bytes before them. While a
   * match runs no look-up is made: only the recent index takes each position.
   */
  takeRun(n: number, c4: number, c8: number): void {
    const recent = this.recent;
    if (recent === null || this.len === 0) {
      for (let k = 0; k < n; k++) {
        const c = this.ahead(0);
        c8 = (c8 << 8) | (c4 >>> 24);
        c4 = (c4 << 8) | c;
        this.push(c, c4, c8);
      }
      return;
    }
    const h = this.history;
    const mask = this.historyMask;
    const recentMask = this.recentMask;
    let pos = this.pos;
    let ptr = this.ptr;
    for (let k = 0; k < n; k++) {
      // Read before the write: with a match exactly a ring behind, they are the same cell.
      const c = h[ptr];
      h[pos & mask] = c;
      pos++;
      ptr = (ptr + 1) & mask;
      c8 = (c8 << 8) | (c4 >>> 24);
      c4 = (c4 << 8) | c;
      if (pos >= MATCH_MIN) recent[(hash3(c4, c8 & 0xffff, MATCH_SEED) >>> 0) & recentMask] = pos & 0x7fffffff;
    }
    this.pos = pos;
    this.ptr = ptr;
    this.len += n;
    this.byte = h[ptr] | 256;
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
      const hash = hash3(c4, c8 & 0xffff, MATCH_SEED) >>> 0;
      const key = hash & this.tableMask;
      const recent = this.recent;
      if (recent === null) {
        this.firstTouch(key);
        if (this.len === 0) this.follow(this.table[key]);
        this.table[key] = this.pos & 0x7fffffff;
      } else {
        const rkey = hash & this.recentMask;
        if (this.len === 0) {
          this.follow(recent[rkey]);
          this.firstTouch(key);
          if (this.len === 0) this.follow(this.table[key]);
          this.table[key] = this.pos & 0x7fffffff;
        }
        recent[rkey] = this.pos & 0x7fffffff;
      }
    }
    if (this.len > 0) this.byte = h[this.ptr] | 256;
  }
}
