/**
 * Model 3's run model: P(a run is right). When the match model has run for
 * at least RUN_MIN_LENGTH bytes and the last RUN_MIN_STREAK bytes were all
 * right (guessed, or in a run), the predictor offers one decision for the
 * match's next bytes up to and including the next space, tab or line feed
 * (at most RUN_MAX bytes; predictor.ts, offerRun). This model gives its
 * probability: 4 counters, mixed by one neuron gated by match length, span
 * and agreement, then an APM by field number and the last 4 run outcomes.
 * The agreement (LineTracker.fieldAgreement): whether the previous line's
 * same field foretells the span too (all of it, its start, or not).
 *
 * Counters (inputs, in this order):
 *   0. match length bucket (16) × streak bucket (8) × span bucket (8) × agreement (3)
 *   1. field number (capped at 63) × the last 4 run outcomes × agreement (3)
 *   2. a hash of the first run byte, the offset in the field (capped at 3)
 *      and the field number (8 bits) × the last 4 run outcomes
 *   3. a hash of the run's bytes, the field number and the agreement (2^16 counters)
 *
 * Everything is integer or IEEE-754 + - * / in a fixed order, as the rest of
 * the model (docs/DESIGN.md, "Lockstep").
 */
import { Apm } from './apm';
import { counterLogit, counterNext } from './counter';
import { RunNetwork } from './expect-network';
import { APM_RATE_SHIFT, BIAS, LEARNING } from './settings';
import { Table, zeroedTable } from './spare-tables';

/**
 * A run needs a match at least this long and this many right bytes in a row
 * before it (the streak). Measured with the agreement input, level 6 logs:
 * from 7 and 1 (were 8 and 2) -0.03 %, 2 % fewer guess decisions.
 */
export const RUN_MIN_LENGTH = 7;
export const RUN_MIN_STREAK = 1;
/** The most bytes one run decision covers. */
export const RUN_MAX = 64;

/** Counters, each an input of the network (+ the bias). */
export const RUN_INPUTS = 4;
const BY_LENGTH = 0; // 16 × 8 × 8
const BY_FIELD = BY_LENGTH + 16 * 8 * 8 * 3; // 64 × 16 × 3
const BY_FIRST = BY_FIELD + 64 * 16 * 3; // 256 × 16
const BY_SPAN = BY_FIRST + 256 * 16; // 2^SPAN_BITS
const SPAN_BITS = 16;
const COUNTER_LIMIT = 127;

/** The streak (right bytes in a row) as a bucket 0..7. */
export function streakBucket(streak: number): number {
  return streak >= 256 ? 7 : streak >= 64 ? 6 : streak >= 32 ? 5 : streak >= 16 ? 4 : streak >> 2;
}

/** A run's span (2..RUN_MAX bytes) as a bucket 0..7. */
export function spanBucket(span: number): number {
  return span >= 32 ? 7 : span >= 16 ? 6 : span >= 8 ? 5 : span >= 6 ? 4 : span - 2;
}

/** The hash of a run's bytes, one step per byte (FNV-1a's multiplier). */
export function spanHashNext(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, 0x01000193);
}

/** What the predictor knows about a run it offers. */
export interface RunContext {
  /** lengthBucket (expect.ts) of the match length, 0..15. */
  lengthBucket: number;
  /** streakBucket(), 0..7. */
  streakBucket: number;
  /** spanBucket(), 0..7. */
  spanBucket: number;
  /** The field number of the run's first byte, capped at 63. */
  field: number;
  /** The offset in its field, capped at 3. */
  fieldPos: number;
  /** The run's first byte. */
  first: number;
  /** spanHashNext over the run's bytes, from 0. */
  spanHash: number;
  /** LineTracker.fieldAgreement of the span: 2 all, 1 its start, 0 none. */
  agree: number;
}

export class RunModel {
  /** A retired model's if there is one (spare-tables.ts): each block's fresh model would otherwise hold a new one until a collection. */
  private readonly t = zeroedTable(Uint32Array, BY_SPAN + 2 ** SPAN_BITS);
  /** The counters of the run being decided. */
  readonly slot = new Int32Array(RUN_INPUTS);
  /** The network: one neuron, weight sets by length bucket × span bucket × agreement (384), one output set. */
  readonly net = new RunNetwork({ inputs: RUN_INPUTS + 1, sets: [16 * 8 * 3], outputSets: 1, ...LEARNING });
  private readonly sets = new Int32Array(1);
  private readonly apm = new Apm(64 * 16, APM_RATE_SHIFT);
  /** The outcomes of the runs so far, the last one lowest. */
  private history = 0;

  constructor() {
    this.net.x[RUN_INPUTS] = BIAS;
  }

  /** Its tables, for retireTables. */
  tables(): Table[] {
    return [this.t, ...this.apm.tables()];
  }

  /** P(the run is right), p16. Then exactly one update() follows. */
  predict(r: RunContext): number {
    const s = this.slot;
    const h = this.history & 15;
    const field = r.field;
    const agree = r.agree;
    s[0] = BY_LENGTH + ((r.lengthBucket * 8 + r.streakBucket) * 8 + r.spanBucket) * 3 + agree;
    s[1] = BY_FIELD + (field * 16 + h) * 3 + agree;
    s[2] = BY_FIRST + ((((r.first * 31 + r.fieldPos * 7 + field * 131) & 255) << 4) | h);
    s[3] = BY_SPAN + (Math.imul(r.spanHash ^ (field << 24) ^ (agree << 30), 0x9e3779b1) >>> (32 - SPAN_BITS));
    const t = this.t;
    const x = this.net.x;
    for (let i = 0; i < RUN_INPUTS; i++) x[i] = counterLogit(t[s[i]]);
    this.sets[0] = (r.lengthBucket * 8 + r.spanBucket) * 3 + agree;
    const d = this.net.forward(this.sets, 0);
    return (this.net.p + this.apm.refine(d, field * 16 + h) * 3) >> 2;
  }

  /** Learns whether the run predicted last was right. */
  update(hit: number): void {
    const t = this.t;
    const s = this.slot;
    for (let i = 0; i < RUN_INPUTS; i++) t[s[i]] = counterNext(t[s[i]], hit, COUNTER_LIMIT);
    this.net.train(hit);
    this.apm.update(hit);
    this.history = (this.history << 1) | hit;
  }
}
