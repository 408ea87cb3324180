// src/model/second-output.ts: level 9's second output neuron, its weight
// sets chosen by another selector; the predictor averages the two output
// logits. Nothing left out.
import { SQUASH } from './logistic';
import { Table } from './table';

const LIMIT: i32 = 4095;

@final export class SecondOutput {
  readonly v: Table<f64>;
  private readonly m: i32;
  private offset: i32 = 0;
  private p: i32 = 32768;
  private readonly lr: f64;
  private readonly skip16: i32;

  constructor(hidden: i32, sets: i32, learningRate: f64, skip: f64) {
    const m = hidden + 1;
    this.m = m;
    const v = new Table<f64>(sets * m);
    v.fill(1 / <f64>hidden, 0, sets * m);
    for (let s = 0; s < sets; s++) v[s * m + hidden] = 0;
    this.v = v;
    this.lr = learningRate / 256 / 65536;
    this.skip16 = <i32>Math.floor(skip * 65536);
  }

  /** The output logit for the network's hidden logits h (bias last), with weight set `set`. */
  forward(h: Table<f64>, set: i32): i32 {
    const m = this.m;
    const v = this.v;
    const o = set * m;
    let dot: f64 = 0;
    for (let k = 0; k < m; k++) dot += v[o + k] * h[k];
    // Math.max/min then | 0 in the original: NaN gives 0, as the saturating truncation does.
    const z = dot >= <f64>LIMIT ? LIMIT : dot <= -<f64>LIMIT ? -LIMIT : <i32>dot;
    this.offset = o;
    this.p = unchecked(SQUASH[z + LIMIT]);
    return z;
  }

  train(h: Table<f64>, bit: i32): void {
    const err = (bit << 16) - this.p;
    if (err < this.skip16 && err > -this.skip16) return;
    const g = <f64>err * this.lr;
    const v = this.v;
    const o = this.offset;
    for (let k = 0; k < this.m; k++) v[o + k] = v[o + k] + g * h[k];
  }
}
