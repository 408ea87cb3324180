// src/model/run.ts: model 3's run model, P(a run is right): 4 counters, one
// neuron (RunNetwork) gated by length bucket × span bucket × agreement, an
// APM by field number and the last 4 run outcomes. No retired tables
// (spare-tables.ts): the kernel makes one model per stream.
import { Apm } from './apm';
import { counterLogit, counterNext } from './counter';
import { RunNetwork } from './expect-network';
import { APM_RATE_SHIFT, BIAS } from './settings';
import { Table } from './table';

/** A run needs a match at least this long and this many right bytes in a row before it. */
export const RUN_MIN_LENGTH: i32 = 7;
export const RUN_MIN_STREAK: i32 = 1;
/** The most bytes one run decision covers. */
export const RUN_MAX: i32 = 64;

/** Counters, each an input of the network (+ the bias). */
export const RUN_INPUTS: i32 = 4;
const BY_LENGTH: i32 = 0; // 16 × 8 × 8 × 3
const BY_FIELD: i32 = BY_LENGTH + 16 * 8 * 8 * 3; // 64 × 16 × 3
const BY_FIRST: i32 = BY_FIELD + 64 * 16 * 3; // 256 × 16
const BY_SPAN: i32 = BY_FIRST + 256 * 16; // 2^SPAN_BITS
const SPAN_BITS: i32 = 16;
const COUNTER_LIMIT: u32 = 127;

/** The streak (right bytes in a row) as a bucket 0..7. */
// @ts-ignore: decorator
@inline export function streakBucket(streak: i32): i32 {
  return streak >= 256 ? 7 : streak >= 64 ? 6 : streak >= 32 ? 5 : streak >= 16 ? 4 : streak >> 2;
}

/** A run's span (2..RUN_MAX bytes) as a bucket 0..7. */
// @ts-ignore: decorator
@inline export function spanBucket(span: i32): i32 {
  return span >= 32 ? 7 : span >= 16 ? 6 : span >= 8 ? 5 : span >= 6 ? 4 : span - 2;
}

/** The hash of a run's bytes, one step per byte (FNV-1a's multiplier). */
// @ts-ignore: decorator
@inline export function spanHashNext(hash: i32, byte: i32): i32 {
  return (hash ^ byte) * 0x01000193;
}

/** What the predictor knows about a run it offers. */
@final export class RunContext {
  lengthBucket: i32 = 0;
  streakBucket: i32 = 0;
  spanBucket: i32 = 0;
  field: i32 = 0;
  fieldPos: i32 = 0;
  first: i32 = 0;
  spanHash: i32 = 0;
  agree: i32 = 0;
}

@final export class RunModel {
  private readonly t: Table<u32> = new Table<u32>(BY_SPAN + (1 << SPAN_BITS));
  /** The counters of the run being decided. */
  readonly slot: StaticArray<i32> = new StaticArray<i32>(RUN_INPUTS);
  /** One neuron, weight sets by length bucket × span bucket × agreement (384). */
  readonly net: RunNetwork = new RunNetwork(16 * 8 * 3);
  private readonly apm: Apm = new Apm(64 * 16, APM_RATE_SHIFT);
  /** The outcomes of the runs so far, the last one lowest. */
  private history: i32 = 0;

  constructor() {
    this.net.x[RUN_INPUTS] = BIAS;
  }

  /** P(the run is right), p16. Then exactly one update() follows. */
  predict(r: RunContext): i32 {
    const s = this.slot;
    const h = this.history & 15;
    const field = r.field;
    const agree = r.agree;
    unchecked((s[0] = BY_LENGTH + ((r.lengthBucket * 8 + r.streakBucket) * 8 + r.spanBucket) * 3 + agree));
    unchecked((s[1] = BY_FIELD + (field * 16 + h) * 3 + agree));
    unchecked((s[2] = BY_FIRST + ((((r.first * 31 + r.fieldPos * 7 + field * 131) & 255) << 4) | h)));
    unchecked((s[3] = BY_SPAN + <i32>((<u32>(r.spanHash ^ (field << 24) ^ (agree << 30)) * <u32>0x9e3779b1) >>> (32 - SPAN_BITS))));
    const t = this.t;
    const x = this.net.x;
    for (let i = 0; i < RUN_INPUTS; i++) unchecked((x[i] = <f64>counterLogit(t[unchecked(s[i])])));
    const d = this.net.forward((r.lengthBucket * 8 + r.spanBucket) * 3 + agree);
    return (this.net.p + this.apm.refine(d, field * 16 + h) * 3) >> 2;
  }

  /** Learns whether the run predicted last was right. */
  update(hit: i32): void {
    const t = this.t;
    const s = this.slot;
    for (let i = 0; i < RUN_INPUTS; i++) {
      const k = unchecked(s[i]);
      t[k] = counterNext(t[k], hit, COUNTER_LIMIT);
    }
    this.net.train(hit);
    this.apm.update(hit);
    this.history = (this.history << 1) | hit;
  }

  /** Test hook: a first-layer weight of the network. */
  weight(i: i32): f64 {
    return this.net.weight(i);
  }
}
