// src/model/count-maps.ts: each context's counter turned into a learned
// probability, by the counter's probability and its count bucket.
// input() and learn(); inputByRow and rowsPerContext are bit-history.ts's (level 9's logHistories).
import { counterLogit } from './counter';
import { squash, STRETCH } from './logistic';
import { Table } from './table';

const POINTS: i32 = 33;
const COUNT_BUCKETS: i32 = 12;
/** Count buckets: 0, 1, 2, 3, 4, 5-6, 7-9, 10-14, 15-22, 23-35, 36-60, 61+ (count-maps.ts BUCKET_OF). */
const BUCKET_OF = new StaticArray<u8>(1024);
const BUCKET_STARTS: StaticArray<i32> = [0, 1, 2, 3, 4, 5, 7, 10, 15, 23, 36, 61];
for (let n = 0, b = 0; n < 1024; n++) {
  if (b + 1 < COUNT_BUCKETS && n >= unchecked(BUCKET_STARTS[b + 1])) b++;
  unchecked((BUCKET_OF[n] = <u8>b));
}

@final export class CountMaps {
  private readonly t: Table<i32>;
  /** Each context's lower point around the current input: it and the next one learn the bit. */
  private readonly index: Table<i32>;
  private readonly rateShift: i32;
  private readonly rowsPerContext: i32;

  /** Needs SQUASH written (JavaScript writes it before any model is made). `rowsPerContext`: COUNT_BUCKETS for input(); bit-history.ts keys its rows by history (inputByRow). */
  constructor(contexts: i32, rateShift: i32, rowsPerContext: i32 = COUNT_BUCKETS) {
    this.rateShift = rateShift;
    this.rowsPerContext = rowsPerContext;
    const rows = contexts * rowsPerContext;
    const t = new Table<i32>(rows * POINTS);
    this.index = new Table<i32>(contexts);
    // Start as the identity (p16 · 16 at each point, as apm.ts).
    for (let j = 0; j < POINTS && rows > 0; j++) t[j] = squash((j - 16) * 256) * 16;
    for (let r = 1; r < rows; r++) memory.copy(t.ptr + ((<usize>(r * POINTS)) << 2), t.ptr, <usize>POINTS << 2);
    this.t = t;
  }

  /** Context i's input (a logit in 1/256 units) for its counter v. */
  // @ts-ignore: decorator
  @inline input(i: i32, v: u32): i32 {
    const d = counterLogit(v) + 4096;
    const j = d >> 8;
    const w = d & 255;
    const base = (i * COUNT_BUCKETS + <i32>unchecked(BUCKET_OF[v & 1023])) * POINTS + j;
    const t = this.t;
    this.index[i] = base;
    const p = (t[base] * (256 - w) + t[base + 1] * w) >> 12;
    return <i32>unchecked(STRETCH[p < 1 ? 1 : p > 65535 ? 65535 : p]);
  }

  /** Context i's input for its counter v from its row `row` (< rowsPerContext), chosen by the caller. */
  // @ts-ignore: decorator
  @inline inputByRow(i: i32, v: u32, row: i32): i32 {
    const d = counterLogit(v) + 4096;
    const j = d >> 8;
    const w = d & 255;
    const base = (i * this.rowsPerContext + row) * POINTS + j;
    const t = this.t;
    this.index[i] = base;
    const p = (t[base] * (256 - w) + t[base + 1] * w) >> 12;
    return <i32>unchecked(STRETCH[p < 1 ? 1 : p > 65535 ? 65535 : p]);
  }

  /** The first n contexts' points learn the bit. */
  learn(bit: i32, n: i32): void {
    const t = this.t;
    const index = this.index;
    const target = bit ? 65535 * 16 : 0;
    const shift = this.rateShift;
    for (let i = 0; i < n; i++) {
      // Both points around the input learn: a context whose input stays between them still reaches the target.
      const k = index[i];
      t[k] = t[k] + ((target - t[k]) >> shift);
      t[k + 1] = t[k + 1] + ((target - t[k + 1]) >> shift);
    }
  }
}
