/**
 * Count maps (model 3, strong levels): each context's counter turned into a
 * learned probability, by the counter's own probability and how often the
 * context was seen. A counter alone says "seen once, a 1": p = 2/3, always;
 * the map learns what that is worth in this data (in a long context of
 * prose, often 0.95), as the adaptive state maps of bit-history models do,
 * without their state machines: the counter's count stands for the history.
 *
 * Per context and count bucket, 33 points along the logit axis (as apm.ts),
 * interpolated; both points around the input learn each bit. Integer arithmetic only.
 */
import { counterLogit } from './counter';
import { squash, STRETCH } from './logistic';

const POINTS = 33;
/** Count buckets: 0, 1, 2, 3, 4, 5-6, 7-9, 10-14, 15-22, 23-35, 36-60, 61+. */
const BUCKET_OF = new Uint8Array(1024);
const BUCKET_STARTS = [0, 1, 2, 3, 4, 5, 7, 10, 15, 23, 36, 61];
export const COUNT_BUCKETS = BUCKET_STARTS.length;
for (let n = 0, b = 0; n < 1024; n++) {
  if (b + 1 < COUNT_BUCKETS && n >= BUCKET_STARTS[b + 1]) b++;
  BUCKET_OF[n] = b;
}

export class CountMaps {
  private readonly t: Int32Array;
  /** Each context's lower point around the current input: it and the next one learn the bit. */
  private readonly index: Int32Array;
  private readonly rateShift: number;

  /** `rowsPerContext`: COUNT_BUCKETS for input(); bit-history.ts keys its rows by history (inputByRow). */
  constructor(contexts: number, rateShift: number, private readonly rowsPerContext = COUNT_BUCKETS) {
    this.rateShift = rateShift;
    const rows = contexts * rowsPerContext;
    this.t = new Int32Array(rows * POINTS);
    this.index = new Int32Array(contexts);
    // Start as the identity (p16 · 16 at each point, as apm.ts).
    for (let j = 0; j < POINTS && rows > 0; j++) this.t[j] = squash((j - 16) * 256) * 16;
    for (let r = 1; r < rows; r++) this.t.copyWithin(r * POINTS, 0, POINTS);
  }

  /** Context i's input (a logit in 1/256 units) for its counter v. */
  input(i: number, v: number): number {
    const d = counterLogit(v) + 4096;
    const j = d >> 8;
    const w = d & 255;
    const base = (i * COUNT_BUCKETS + BUCKET_OF[v & 1023]) * POINTS + j;
    const t = this.t;
    this.index[i] = base;
    const p = (t[base] * (256 - w) + t[base + 1] * w) >> 12;
    return STRETCH[p < 1 ? 1 : p > 65535 ? 65535 : p];
  }

  /** Context i's input for its counter v from its row `row` (< rowsPerContext), chosen by the caller. */
  inputByRow(i: number, v: number, row: number): number {
    const d = counterLogit(v) + 4096;
    const j = d >> 8;
    const w = d & 255;
    const base = (i * this.rowsPerContext + row) * POINTS + j;
    const t = this.t;
    this.index[i] = base;
    const p = (t[base] * (256 - w) + t[base + 1] * w) >> 12;
    return STRETCH[p < 1 ? 1 : p > 65535 ? 65535 : p];
  }

  /** The first n contexts' points learn the bit. */
  learn(bit: number, n: number): void {
    const t = this.t;
    const index = this.index;
    const target = bit ? 65535 * 16 : 0;
    const shift = this.rateShift;
    for (let i = 0; i < n; i++) {
      // Both points around the input learn: a context whose input stays
      // between them still reaches the target.
      const k = index[i];
      t[k] += (target - t[k]) >> shift;
      t[k + 1] += (target - t[k + 1]) >> shift;
    }
  }
}
