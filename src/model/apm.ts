/**
 * Adaptive probability map (secondary estimation): refines a probability
 * given a small context, by interpolating between 33 learned points spaced
 * one nat apart along the logit axis. Integer arithmetic only.
 */
import { squash } from './logistic';
import { Table, zeroedTable } from './spare-tables';

const POINTS = 33;
/** Point j of a fresh map: squash((j − 16) nats) as p16 · 16 (4 extra bits of precision for slow updates), the identity. */
const IDENTITY = new Int32Array(POINTS);
for (let j = 0; j < POINTS; j++) IDENTITY[j] = squash((j - 16) * 256) * 16;

export class Apm {
  /**
   * Each point as its difference from IDENTITY (point = table + IDENTITY[j],
   * exactly): a fresh map is all zeros, so a large one costs no start-up
   * fill, and pages of contexts never seen are never touched.
   */
  private readonly table: Int32Array;
  private index = 0;
  /** The point (0..32) of `index`. */
  private point = 0;
  private readonly rateShift: number;

  constructor(contexts: number, rateShift: number) {
    this.rateShift = rateShift;
    // A retired model's table if there is one (spare-tables.ts): level 6's by-last-byte map is 8 MiB,
    // and each block's fresh model would otherwise hold a new one until a collection.
    this.table = zeroedTable(Int32Array, contexts * POINTS);
  }

  /** Its table, for retireTables. */
  tables(): Table[] {
    return [this.table];
  }

  /** `logit` in 1/256 units (clamped), `ctx` < contexts; returns p16. */
  refine(logit: number, ctx: number): number {
    const d = logit + 4096; // 1..8191, as |logit| <= LOGIT_LIMIT = 4095
    const j = d >> 8;
    const w = d & 255;
    const base = ctx * POINTS + j;
    const t = this.table;
    // Remember the nearer point: that is the one trained on the outcome.
    const near = w < 128 ? 0 : 1;
    this.index = base + near;
    this.point = j + near;
    const p = ((t[base] + IDENTITY[j]) * (256 - w) + (t[base + 1] + IDENTITY[j + 1]) * w) >> 12;
    return p < 1 ? 1 : p > 65535 ? 65535 : p;
  }

  update(bit: number): void {
    const t = this.table;
    const target = bit ? 65535 * 16 : 0;
    const i = this.index;
    t[i] += (target - (t[i] + IDENTITY[this.point])) >> this.rateShift;
  }
}
