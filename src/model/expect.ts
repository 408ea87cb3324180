/**
 * The expected-byte model. Most bytes of a log line are foretold by the match
 * model or by the previous line's same field; for such a byte the predictor
 * first codes one decision, "the byte is the expected one", and only on a miss
 * the byte's 8 bits. This model gives the probability of that decision from
 * counters in a few small contexts, mixed by a network of its own.
 *
 * Counters (7), each with the guess where it says so: how long the match has
 * run and which sources agree on the guess; the outcomes of the last 8
 * guesses and the agreement; the last 2 bytes; the last 5 bytes; the field
 * number and offset in the field; the offset in the line; the last byte, the
 * agreement and the last 2 outcomes. The network's 3 first-layer neurons
 * choose their weights by match length and agreement, by the last 8 outcomes,
 * and by field number and offset; an APM by match length and agreement
 * refines its output.
 *
 * Model 3 (`fast`) differs, for speed: each hashed part's index is one
 * multiplication of its context, xor one of the guessed byte (shared by the
 * five), instead of a hash3 of both (model 2 keeps hash3); its network has
 * no neuron by the last 8 outcomes (2 neurons, not 3); of the hits it
 * predicted with P >= 1 − 1/64 (about 2/3 of its calls on logs) only every
 * 16th teaches the counters, the others teach only the network, the APM and
 * the outcome history (model 2 learns from every outcome); its counters'
 * count stops at 31 (model 2: the level's counterLimit, 127); and its
 * network's first layer learns at 0.03 (model 2: 0.02).
 */
import { Apm } from './apm';
import { counterLogit, counterNext } from './counter';
import { hash3 } from './hash';
import { ExpectNetwork, ExpectNetwork2 } from './expect-network';
import type { Network } from './network';
import { APM_RATE_SHIFT, BIAS, LEARNING } from './settings';
import { Table, zeroedTable } from './spare-tables';

/**
 * Model 3: a hit predicted with at least this p16 is sure: it does not teach
 * the counters. Measured on the logs (level 6), with the network and the APM
 * learning every sure hit: from 1 − 1/64 -0.08 % against 1 − 1/128 (and
 * fewer counter steps); 1 − 1/32 +0.03 %.
 */
const SURE_HIT = 65536 - 1024;
/**
 * Every 16th sure hit teaches the counters all the same: without it their P
 * stalls near the threshold on very regular data (256 KiB of zeros, before
 * the network learned the sure hits: 384 bytes instead of 42). Every 8th: the
 * same size.
 */
const SURE_PERIOD_MASK = 15;
/**
 * Model 3's counters stop counting at 31, so they keep adapting at 1/32.5
 * (model 2: 127). Measured on the logs (level 6): 127 -> 31 -0.05 %, 15 -0.02 %, 7 +0.2 %, 63 -0.05 %.
 */
const FAST_COUNTER_LIMIT = 31;
/**
 * Model 3's network learns its first layer at 0.03 (the shared LEARNING: 0.02).
 * Measured on the logs (level 6): -0.04 % (0.045: the same; 0.012: +0.12 %), text +0.01 %.
 */
const FAST_LEARNING_RATE = 0.03;

/** Counters, each one input of the network. */
const INPUTS = 7;
/** The direct counters: by length bucket (16) × agreement (16), then by the last 8 outcomes (256) × agreement. */
const BY_LENGTH = 0;
const BY_OUTCOMES = 16 * 16;
/** The five hashed parts (2^hashBits counters each) follow the direct ones. */
const HASHED = BY_OUTCOMES + 256 * 16;
const HASHED_PARTS = 5;

/** Which sources agree on the guess (Expectation.agree). */
export const enum Agree {
  /** The previous line's byte at this offset of this field. */
  Field = 1,
  /** The previous line's byte at this column. */
  Column = 2,
  /** The guess is the match model's. */
  Match = 4,
  /** The guess is the previous line's number plus its change (numeric.ts expectedDigit; model 3, level 6). */
  Numeric = 8,
}

/** The match length as Expectation.lengthBucket (0..15): 0 no match, then 1..8 by twos up to 15, 9..10 by eights up to 31, 11..15 by doublings. */
export function lengthBucket(len: number): number {
  // A table: the branches of bucketOfLength, first taken when a match grows
  // long (after V8 has optimised the callers), would each throw away the
  // optimised code of runLength and offer.
  return LENGTH_BUCKETS[len < 512 ? len : 512];
}

function bucketOfLength(len: number): number {
  if (len === 0) return 0;
  if (len < 16) return 1 + (len >> 1);
  if (len < 32) return 9 + ((len - 16) >> 3);
  return len < 64 ? 11 : len < 128 ? 12 : len < 256 ? 13 : len < 512 ? 14 : 15;
}

/** lengthBucket for lengths 0..511, and 512 for all longer ones. */
const LENGTH_BUCKETS = Uint8Array.from({ length: 513 }, (_, len) => bucketOfLength(len));

export interface Expectation {
  /** The expected byte. */
  byte: number;
  /** 0..15: the match model's length, by lengthBucket(). */
  lengthBucket: number;
  /** 0..15: which sources agree on the guess (Agree flags; Numeric only in model 3). */
  agree: number;
  /** The last 4 bytes, and the 4 before. */
  c4: number;
  c8: number;
  fieldIdx: number;
  fieldPos: number;
  /** Offset in the line. */
  column: number;
}

export class ExpectModel {
  private readonly table: Uint32Array;
  private readonly hashMask: number;
  /** The counters of the last predict(), INPUTS of them (fields, not an array: update() reads them straight back). */
  private slot0 = 0;
  private slot1 = 0;
  private slot2 = 0;
  private slot3 = 0;
  private slot4 = 0;
  private slot5 = 0;
  private slot6 = 0;
  private readonly net: Network;
  private readonly sets = new Int32Array(3);
  private readonly apm: Apm;
  private readonly limit: number;
  private history = 0;
  /** Model 3's hashing (see the top). */
  private readonly fast: boolean;
  /** A hit predicted with at least this p16 is sure: it teaches the counters only every 16th time (65536: never sure). */
  private readonly sureHit: number;
  /** P(hit) of the last predict(), p16. */
  private lastP = 0;
  /** Sure hits so far: every SURE_PERIOD_MASK + 1-th teaches the counters, so their P still climbs towards 1 on very regular data. */
  private sureHits = 0;

  /** limit: model 2's counter limit (model 3's is FAST_COUNTER_LIMIT). */
  constructor(hashBits: number, limit: number, fast = false) {
    this.fast = fast;
    this.sureHit = fast ? SURE_HIT : 65536;
    this.hashMask = 2 ** hashBits - 1;
    this.table = zeroedTable(Uint32Array, HASHED + HASHED_PARTS * 2 ** hashBits);
    this.limit = fast ? FAST_COUNTER_LIMIT : limit;
    // Weight sets by: length bucket × agreement; the last 8 outcomes (model 2 only); field number × offset (each capped at 15).
    this.net = fast
      ? new ExpectNetwork2({ inputs: INPUTS + 1, sets: [16 * 16, 2 * 16 * 16], outputSets: 1, ...LEARNING, learningRate: FAST_LEARNING_RATE })
      : new ExpectNetwork({ inputs: INPUTS + 1, sets: [16 * 8, 256, 16 * 16], outputSets: 1, ...LEARNING });
    this.net.x[INPUTS] = BIAS;
    this.apm = new Apm(fast ? 16 * 16 : 16 * 8, APM_RATE_SHIFT);
  }

  /** Its big table, for retireTables. */
  tables(): Table[] {
    return [this.table];
  }

  /** P(the expected byte is right), p16. */
  predict(e: Expectation): number {
    const t = this.table;
    const m = this.hashMask;
    const history = this.history;
    const byte = e.byte;
    const agree = e.agree;
    const c4 = e.c4;
    const fieldIdx = e.fieldIdx;
    const fieldPos = e.fieldPos;
    // (Numeric's counters, sets and APM rows follow the others': the same indices as before it for the rest.)
    const numeric = agree & Agree.Numeric;
    const agree3 = agree & 7;
    const ctx = e.lengthBucket * 8 + agree3 + numeric * 16;
    // The hashed parts are m + 1 counters each, after the direct ones.
    const part = m + 1;
    const s0 = BY_LENGTH + ctx;
    const s1 = BY_OUTCOMES + ((history & 255) << 3) + agree3 + numeric * 256;
    let s2, s3, s4, s5, s6;
    if (this.fast) {
      // Model 3: the index is the top bits of (context × odd constant) xor (byte + 1) × another; distinct constants per part.
      // (A numeric guess's counters are apart from those of the same byte guessed otherwise.)
      const hb = Math.imul(byte + 1 + (numeric << 5), 0x2545f491);
      s2 = HASHED + (((Math.imul((c4 & 0xffff) + 0x10000, 0x9e3779b1) ^ hb) >>> 16) & m);
      s3 = HASHED + part + (((Math.imul(c4 ^ Math.imul(e.c8 & 0xff, 0x01000193), 0x85ebca6b) ^ hb) >>> 16) & m);
      s4 = HASHED + 2 * part + (((Math.imul((fieldIdx << 19) + (fieldPos << 3) + agree3 + (numeric << 22) + 0x4000000, 0xc2b2ae35) ^ hb) >>> 16) & m);
      s5 = HASHED + 3 * part + (((Math.imul(e.column + 0x8000000, 0x27d4eb2f) ^ hb) >>> 16) & m);
      s6 = HASHED + 4 * part + (((Math.imul(((numeric << 10) | ((c4 & 0xff) << 5) | (agree3 << 2) | (history & 3)) + 0xc000000, 0x165667b1) ^ hb) >>> 16) & m);
    } else {
      s2 = HASHED + (hash3(c4 & 0xffff, byte, 1) & m);
      s3 = HASHED + part + (hash3(c4, ((e.c8 & 0xff) << 8) | byte, 2) & m);
      s4 = HASHED + 2 * part + (hash3(fieldIdx, (fieldPos << 8) | byte, agree) & m);
      s5 = HASHED + 3 * part + (hash3(e.column, byte, 5) & m);
      s6 = HASHED + 4 * part + (hash3(c4 & 0xff, (byte << 3) | agree, (history & 3) + 6) & m);
    }
    this.slot0 = s0;
    this.slot1 = s1;
    this.slot2 = s2;
    this.slot3 = s3;
    this.slot4 = s4;
    this.slot5 = s5;
    this.slot6 = s6;
    const net = this.net;
    const x = net.x;
    x[0] = counterLogit(t[s0]);
    x[1] = counterLogit(t[s1]);
    x[2] = counterLogit(t[s2]);
    x[3] = counterLogit(t[s3]);
    x[4] = counterLogit(t[s4]);
    x[5] = counterLogit(t[s5]);
    x[6] = counterLogit(t[s6]);
    const sets = this.sets;
    sets[0] = ctx;
    const fieldSet = (fieldIdx < 15 ? fieldIdx : 15) * 16 + (fieldPos < 15 ? fieldPos : 15);
    if (this.fast) {
      sets[1] = fieldSet + numeric * 32;
    } else {
      sets[1] = history & 255;
      sets[2] = fieldSet;
    }
    const d = net.forward(sets, 0);
    const p = (net.p + this.apm.refine(d, ctx) * 3) >> 2;
    this.lastP = p;
    return p;
  }

  update(hit: number): void {
    if (hit && this.lastP >= this.sureHit && (++this.sureHits & SURE_PERIOD_MASK) !== 0) {
      // The counters learn nothing, the network and the APM do (measured: logs -0.1 %; neither learning: P stalls).
      this.net.train(hit);
      this.apm.update(hit);
      this.history = (this.history << 1) | 1;
      return;
    }
    const t = this.table;
    const limit = this.limit;
    // Written out: 7 counters, INPUTS.
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
