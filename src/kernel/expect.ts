// src/model/expect.ts, model 3 only (fastExpect): model 2's hash3 indices,
// three-neuron network and counter limit are not ported. predict() takes the
// original's Expectation as arguments.
import { Apm } from './apm';
import { counterLogit, counterNext } from './counter';
import { ExpectNetwork2 } from './expect-network';
import { APM_RATE_SHIFT, BIAS } from './settings';
import { Table } from './table';

/** A hit predicted with at least this p16 is sure: it teaches the counters only every 16th time. */
const SURE_HIT: i32 = 65536 - 1024;
const SURE_PERIOD_MASK: i32 = 15;
const FAST_COUNTER_LIMIT: u32 = 31;
const FAST_LEARNING_RATE: f64 = 0.03;

const INPUTS: i32 = 7;
const BY_LENGTH: i32 = 0;
const BY_OUTCOMES: i32 = 16 * 16;
const HASHED: i32 = BY_OUTCOMES + 256 * 16;
const HASHED_PARTS: i32 = 5;

/** Agree flags (expect.ts Agree). */
export const AGREE_FIELD: i32 = 1;
export const AGREE_COLUMN: i32 = 2;
export const AGREE_MATCH: i32 = 4;
export const AGREE_NUMERIC: i32 = 8;

/** The match length as Expectation.lengthBucket (0..15), as expect.ts lengthBucket. */
// @ts-ignore: decorator
@inline export function lengthBucket(len: i32): i32 {
  if (len == 0) return 0;
  if (len < 16) return 1 + (len >> 1);
  if (len < 32) return 9 + ((len - 16) >> 3);
  return len < 64 ? 11 : len < 128 ? 12 : len < 256 ? 13 : len < 512 ? 14 : 15;
}

@final export class ExpectModel {
  private readonly table: Table<u32>;
  private readonly hashMask: i32;
  private slot0: i32 = 0;
  private slot1: i32 = 0;
  private slot2: i32 = 0;
  private slot3: i32 = 0;
  private slot4: i32 = 0;
  private slot5: i32 = 0;
  private slot6: i32 = 0;
  private readonly net: ExpectNetwork2;
  private readonly apm: Apm;
  private history: i32 = 0;
  private lastP: i32 = 0;
  private sureHits: i32 = 0;

  /** limit, fast: the original's; only fast (model 3) is ported, so its counter limit (31) holds and `limit` is unused. */
  constructor(hashBits: i32, limit: i32, fast: bool = true) {
    this.hashMask = (1 << hashBits) - 1;
    this.table = new Table<u32>(HASHED + HASHED_PARTS * (1 << hashBits));
    // Weight sets by length bucket × agreement; field number × offset (× numeric).
    this.net = new ExpectNetwork2(16 * 16, 2 * 16 * 16, FAST_LEARNING_RATE);
    this.apm = new Apm(16 * 16, APM_RATE_SHIFT);
    this.net.x[INPUTS] = BIAS;
  }

  /** P(the expected byte is right), p16. The arguments: expect.ts's Expectation. */
  predict(byte: i32, lengthBucket: i32, agree: i32, c4: i32, c8: i32, fieldIdx: i32, fieldPos: i32, column: i32): i32 {
    const t = this.table;
    const m = this.hashMask;
    const history = this.history;
    const numeric = agree & AGREE_NUMERIC;
    const agree3 = agree & 7;
    const ctx = lengthBucket * 8 + agree3 + numeric * 16;
    const part = m + 1;
    const s0 = BY_LENGTH + ctx;
    const s1 = BY_OUTCOMES + ((history & 255) << 3) + agree3 + numeric * 256;
    const hb = (byte + 1 + (numeric << 5)) * 0x2545f491;
    const s2 = HASHED + ((<i32>(<u32>(((c4 & 0xffff) + 0x10000) * <i32>0x9e3779b1 ^ hb) >>> 16)) & m);
    const s3 = HASHED + part + ((<i32>(<u32>((c4 ^ ((c8 & 0xff) * 0x01000193)) * <i32>0x85ebca6b ^ hb) >>> 16)) & m);
    const s4 = HASHED + 2 * part + ((<i32>(<u32>(((fieldIdx << 19) + (fieldPos << 3) + agree3 + (numeric << 22) + 0x4000000) * <i32>0xc2b2ae35 ^ hb) >>> 16)) & m);
    const s5 = HASHED + 3 * part + ((<i32>(<u32>((column + 0x8000000) * 0x27d4eb2f ^ hb) >>> 16)) & m);
    const s6 = HASHED + 4 * part + ((<i32>(<u32>((((numeric << 10) | ((c4 & 0xff) << 5) | (agree3 << 2) | (history & 3)) + 0xc000000) * 0x165667b1 ^ hb) >>> 16)) & m);
    this.slot0 = s0;
    this.slot1 = s1;
    this.slot2 = s2;
    this.slot3 = s3;
    this.slot4 = s4;
    this.slot5 = s5;
    this.slot6 = s6;
    const net = this.net;
    const x = net.x;
    unchecked((x[0] = <f64>counterLogit(t[s0])));
    unchecked((x[1] = <f64>counterLogit(t[s1])));
    unchecked((x[2] = <f64>counterLogit(t[s2])));
    unchecked((x[3] = <f64>counterLogit(t[s3])));
    unchecked((x[4] = <f64>counterLogit(t[s4])));
    unchecked((x[5] = <f64>counterLogit(t[s5])));
    unchecked((x[6] = <f64>counterLogit(t[s6])));
    const fieldSet = (fieldIdx < 15 ? fieldIdx : 15) * 16 + (fieldPos < 15 ? fieldPos : 15);
    const d = net.forward(ctx, fieldSet + numeric * 32);
    const p = (net.p + this.apm.refine(d, ctx) * 3) >> 2;
    this.lastP = p;
    return p;
  }

  update(hit: i32): void {
    if (hit != 0 && this.lastP >= SURE_HIT && (++this.sureHits & SURE_PERIOD_MASK) != 0) {
      this.net.train(hit);
      this.apm.update(hit);
      this.history = (this.history << 1) | 1;
      return;
    }
    const t = this.table;
    const limit = FAST_COUNTER_LIMIT;
    let k = this.slot0;
    t[k] = counterNext(t[k], hit, limit);
    k = this.slot1;
    t[k] = counterNext(t[k], hit, limit);
    k = this.slot2;
    t[k] = counterNext(t[k], hit, limit);
    k = this.slot3;
    t[k] = counterNext(t[k], hit, limit);
    k = this.slot4;
    t[k] = counterNext(t[k], hit, limit);
    k = this.slot5;
    t[k] = counterNext(t[k], hit, limit);
    k = this.slot6;
    t[k] = counterNext(t[k], hit, limit);
    this.net.train(hit);
    this.apm.update(hit);
    this.history = (this.history << 1) | hit;
  }
}
