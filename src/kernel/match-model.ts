// src/model/match-model.ts, model 3 only (the recent index; see the original's top comment).
import { adapt16 } from './counter';
import { hash3 } from './hash';
import { stretch } from './logistic';
import { P16_HALF } from './settings';
import { Table } from './table';

export const MATCH_MIN: i32 = 6;
export const MATCH_MAX_VERIFY: i32 = 32;
const MATCH_SEED: i32 = 0x4d41;
export const MATCH_RECENT_BITS: i32 = 14;
const MATCH_BIG_SHRINK: i32 = 2;
/**
 * len stops here instead of passing 2^31 (JavaScript's goes on): every
 * reader clamps it far lower (15, 63, 512) or asks len > 0, so the model's
 * output is the same.
 */
const LEN_LIMIT: i32 = 0x7fffffff;

// @ts-ignore: decorator
@inline export function matchLengthBucket(len: i32): i32 {
  return min(len, 15) + min(48, max(0, len - 15) >>> 2);
}

@final export class MatchModel {
  private readonly history: Table<u8>;
  private readonly historyMask: i32;
  private readonly table: Table<i32>;
  private readonly tableMask: i32;
  private readonly recent: Table<i32>;
  private readonly recentMask: i32;
  /** Bytes seen so far; i64 as JavaScript's number, which passes 2^31 on a long stream. */
  private pos: i64 = 0;
  private ptr: i32 = 0;
  len: i32 = 0;
  byte: i32 = 0;
  private readonly counters: StaticArray<i32> = new StaticArray<i32>(64 * 2);
  slot: i32 = -1;
  private expectedBit: i32 = 0;

  /**
   * recentBits > 0 only (model 3): models 1-2 (no recent index, every
   * position in `table`) are not ported. No firstTouch: Table's memory is
   * zero without a write, and the original's first-touch writes store zeros.
   */
  constructor(historyBits: i32, tableBits: i32, recentBits: i32) {
    this.history = new Table<u8>(1 << historyBits);
    this.historyMask = (1 << historyBits) - 1;
    tableBits = max(recentBits, tableBits - MATCH_BIG_SHRINK);
    this.table = new Table<i32>(1 << tableBits);
    this.tableMask = (1 << tableBits) - 1;
    this.recent = new Table<i32>(1 << recentBits);
    this.recentMask = (1 << recentBits) - 1;
    const counters = this.counters;
    for (let i = 0; i < 64 * 2; i++) unchecked((counters[i] = P16_HALF));
  }

  // @ts-ignore: decorator
  @inline input(c0: i32, bitPos: i32): i32 {
    const len = this.len;
    const byte = this.byte;
    const expectedBit = (byte >>> (7 - bitPos)) & 1;
    const slot = matchLengthBucket(len) * 2 + expectedBit;
    this.expectedBit = expectedBit;
    if (len > 0 && byte >>> (8 - bitPos) == c0) {
      this.slot = slot;
      return stretch(unchecked(this.counters[slot]));
    }
    this.slot = -1;
    return 0;
  }

  // @ts-ignore: decorator
  @inline learn(bit: i32): void {
    const slot = this.slot;
    if (slot < 0) return;
    adapt16(this.counters, slot, bit);
    if (bit != this.expectedBit) this.len = 0;
  }

  // @ts-ignore: decorator
  @inline ahead(k: i32): i32 {
    return <i32>this.history[(this.ptr + k) & this.historyMask];
  }

  // @ts-ignore: decorator
  @inline available(): i32 {
    return (<i32>(this.pos - 1 - <i64>this.ptr) & this.historyMask) + 1;
  }

  // @ts-ignore: decorator
  @inline stop(): void {
    this.len = 0;
  }

  private follow(cand: i32): void {
    if (cand <= 0) return;
    const h = this.history;
    const mask = this.historyMask;
    const last = <i32>this.pos - 1; // (only its low bits are read, and the bound below is the i64)
    let len = 0;
    while (len < MATCH_MAX_VERIFY && <i64>len < this.pos - 1 && h[(cand - 1 - len) & mask] == h[(last - len) & mask]) {
      len++;
    }
    if (len >= MATCH_MIN) {
      this.len = len;
      this.ptr = cand & mask;
    }
  }

  takeRun(n: i32, c4: i32, c8: i32): void {
    if (this.len == 0) {
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
    const recent = this.recent;
    const recentMask = this.recentMask;
    let pos = this.pos;
    let ptr = this.ptr;
    for (let k = 0; k < n; k++) {
      // Read before the write: with a match exactly a ring behind, they are the same cell.
      const c = <i32>h[ptr];
      h[<i32>pos & mask] = <u8>c;
      pos++;
      ptr = (ptr + 1) & mask;
      c8 = (c8 << 8) | (c4 >>> 24);
      c4 = (c4 << 8) | c;
      if (pos >= MATCH_MIN) recent[hash3(c4, c8 & 0xffff, MATCH_SEED) & recentMask] = <i32>pos & 0x7fffffff;
    }
    this.pos = pos;
    this.ptr = ptr;
    this.len = this.len > LEN_LIMIT - n ? LEN_LIMIT : this.len + n;
    this.byte = <i32>h[ptr] | 256;
  }

  push(c: i32, c4: i32, c8: i32): void {
    const h = this.history;
    const mask = this.historyMask;
    h[<i32>this.pos & mask] = <u8>c;
    const pos = this.pos + 1;
    this.pos = pos;
    if (this.len > 0) {
      if (this.len < LEN_LIMIT) this.len++;
      this.ptr = (this.ptr + 1) & mask;
    }
    if (pos >= MATCH_MIN) {
      const hash = hash3(c4, c8 & 0xffff, MATCH_SEED);
      const recent = this.recent;
      const rkey = hash & this.recentMask;
      const at = <i32>pos & 0x7fffffff;
      if (this.len == 0) {
        const table = this.table;
        const key = hash & this.tableMask;
        this.follow(recent[rkey]);
        if (this.len == 0) this.follow(table[key]);
        table[key] = at;
      }
      recent[rkey] = at;
    }
    if (this.len > 0) this.byte = <i32>h[this.ptr] | 256;
  }
}
