// src/model/apm.ts: adaptive probability map, 33 points one nat apart along the logit axis.
import { squash } from './logistic';
import { Table } from './table';

const POINTS: i32 = 33;
/** Point j of a fresh map (apm.ts IDENTITY): built by initApm, after JavaScript has written SQUASH. */
const IDENTITY = new StaticArray<i32>(POINTS);

export function initApm(): void {
  for (let j = 0; j < POINTS; j++) unchecked((IDENTITY[j] = squash((j - 16) * 256) * 16));
}

@final export class Apm {
  /** Each point as its difference from IDENTITY: a fresh map is all zeros. */
  private readonly table: Table<i32>;
  private index: i32 = 0;
  private point: i32 = 0;
  private readonly rateShift: i32;

  constructor(contexts: i32, rateShift: i32) {
    this.rateShift = rateShift;
    this.table = new Table<i32>(contexts * POINTS);
  }

  /** `logit` in 1/256 units (clamped), `ctx` < contexts; returns p16. */
  // @ts-ignore: decorator
  @inline refine(logit: i32, ctx: i32): i32 {
    const d = logit + 4096;
    const j = d >> 8;
    const w = d & 255;
    const base = ctx * POINTS + j;
    const t = this.table;
    const near = w < 128 ? 0 : 1;
    this.index = base + near;
    this.point = j + near;
    const p = ((t[base] + unchecked(IDENTITY[j])) * (256 - w) + (t[base + 1] + unchecked(IDENTITY[j + 1])) * w) >> 12;
    return p < 1 ? 1 : p > 65535 ? 65535 : p;
  }

  // @ts-ignore: decorator
  @inline update(bit: i32): void {
    const t = this.table;
    const target = bit ? 65535 * 16 : 0;
    const i = this.index;
    t[i] = t[i] + ((target - (t[i] + unchecked(IDENTITY[this.point]))) >> this.rateShift);
  }
}
