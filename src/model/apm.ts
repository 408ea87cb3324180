/**
 * Adaptive probability map (secondary estimation): refines a probability
 * given a small context, by interpolating between 33 learned points spaced
 * one nat apart along the logit axis. Integer arithmetic only.
 */
import { squash } from './logistic';
import { Table, zeroedTable } from './spare-tables';

const POINTS = 33;

export class Apm {
  private readonly table: Int32Array;
  private index = 0;
  private readonly rateShift: number;

  constructor(contexts: number, rateShift: number) {
    this.rateShift = rateShift;
    // A retired model's table if there is one (spare-tables.ts): level 6's by-last-byte map is 8 MiB,
    // and each block's fresh model would otherwise hold a new one until a collection. Every point is set below.
    this.table = zeroedTable(Int32Array, contexts * POINTS);
    // Start as the identity: point j holds squash((j − 16) nats) as p16 · 16 (4 extra bits of precision for slow updates).
    for (let j = 0; j < POINTS && contexts > 0; j++) this.table[j] = squash((j - 16) * 256) * 16;
    // The other contexts copy it, doubling the copied span each time: a copy per context was 65536
    // calls at level 6, ~3 ms of a run's start in the interpreter (issue 11). Same values.
    for (let done = POINTS; done < this.table.length; done *= 2) this.table.copyWithin(done, 0, Math.min(done, this.table.length - done));
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
    this.index = w < 128 ? base : base + 1;
    const p = (t[base] * (256 - w) + t[base + 1] * w) >> 12;
    return p < 1 ? 1 : p > 65535 ? 65535 : p;
  }

  update(bit: number): void {
    const t = this.table;
    const target = bit ? 65535 * 16 : 0;
    t[this.index] += (target - t[this.index]) >> this.rateShift;
  }
}
