// src/model/expect-network.ts: ExpectNetwork2 (expect.ts with fastExpect, model 3) and RunNetwork (run.ts).
// ExpectNetwork (model 2's three neurons) is not ported. The shape is fixed by
// the class, so the constructors take only what varies (the sets, the first
// layer's rate); forward() takes each neuron's set as an argument (the
// original's `sets` array) and no output set (always 0). The same operations
// in the same order as the original's forward() and train().
import { SQUASH } from './logistic';
import { BIAS, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP } from './settings';

const LIMIT: i32 = 4095;

// @ts-ignore: decorator
@inline function clampLogit(dot: f64): i32 {
  return dot >= <f64>LIMIT ? LIMIT : dot <= -<f64>LIMIT ? -LIMIT : <i32>dot;
}

function weights(n: i32): StaticArray<f64> {
  const w = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) unchecked((w[i] = INITIAL_WEIGHT));
  return w;
}

/** Network with 8 inputs (the last the bias), 2 first-layer neurons, one output set. */
@final export class ExpectNetwork2 {
  /** The inputs of the current bit, written by the caller before forward(). */
  readonly x: StaticArray<f64> = new StaticArray<f64>(8);
  private readonly w0: StaticArray<f64>;
  private readonly w1: StaticArray<f64>;
  /** Output weights: h0, h1, bias. */
  private v0: f64 = 0.5;
  private v1: f64 = 0.5;
  private v2: f64 = 0;
  private h0: i32 = 0;
  private h1: i32 = 0;
  private o0: i32 = 0;
  private o1: i32 = 0;
  private p10: i32 = 0;
  private p11: i32 = 0;
  private pOut: i32 = 32768;
  private readonly lr: f64;
  private readonly lrOut: f64 = OUTPUT_LEARNING_RATE / 256 / 65536;
  private readonly skip16: i32 = <i32>Math.floor(SKIP * 65536);

  /** sets0, sets1: each neuron's weight sets; learningRate: the first layer's (shape.learningRate). */
  constructor(sets0: i32, sets1: i32, learningRate: f64) {
    this.w0 = weights(sets0 * 8);
    this.w1 = weights(sets1 * 8);
    this.lr = learningRate / 256 / 65536;
    // 1 / hidden, as Network's constructor.
    this.v0 = 1.0 / 2;
    this.v1 = 1.0 / 2;
  }

  /** The output probability of the last forward(), as p16. */
  get p(): i32 {
    return this.pOut;
  }

  forward(set0: i32, set1: i32): i32 {
    const o0 = set0 << 3;
    const o1 = set1 << 3;
    const w0 = this.w0;
    const w1 = this.w1;
    const x = this.x;
    let dot0: f64 = 0;
    let dot1: f64 = 0;
    for (let i = 0; i < 8; i++) {
      const xi = unchecked(x[i]);
      dot0 += unchecked(w0[o0 + i]) * xi;
      dot1 += unchecked(w1[o1 + i]) * xi;
    }
    const h0 = clampLogit(dot0);
    const h1 = clampLogit(dot1);
    this.o0 = o0;
    this.o1 = o1;
    this.p10 = unchecked(SQUASH[h0 + LIMIT]);
    this.p11 = unchecked(SQUASH[h1 + LIMIT]);
    this.h0 = h0;
    this.h1 = h1;
    let dot: f64 = 0;
    dot += this.v0 * <f64>h0;
    dot += this.v1 * <f64>h1;
    dot += this.v2 * BIAS;
    const z = clampLogit(dot);
    this.pOut = unchecked(SQUASH[z + LIMIT]);
    return z;
  }

  train(bit: i32): void {
    const target = bit << 16;
    const skip = this.skip16;
    const x = this.x;
    let err = target - this.p10;
    if (!(err < skip && err > -skip)) {
      const g = <f64>err * this.lr;
      const w = this.w0;
      const o = this.o0;
      for (let i = 0; i < 8; i++) unchecked((w[o + i] += g * x[i]));
    }
    err = target - this.p11;
    if (!(err < skip && err > -skip)) {
      const g = <f64>err * this.lr;
      const w = this.w1;
      const o = this.o1;
      for (let i = 0; i < 8; i++) unchecked((w[o + i] += g * x[i]));
    }
    err = target - this.pOut;
    if (err < skip && err > -skip) return;
    const g = <f64>err * this.lrOut;
    this.v0 += g * <f64>this.h0;
    this.v1 += g * <f64>this.h1;
    this.v2 += g * BIAS;
  }

  /** Test hook: a first-layer weight. */
  weight(k: i32, i: i32): f64 {
    return k == 0 ? this.w0[i] : this.w1[i];
  }
}

/** Network with 5 inputs (4 counters and the bias), one neuron, one output set. */
@final export class RunNetwork {
  readonly x: StaticArray<f64> = new StaticArray<f64>(5);
  private readonly w: StaticArray<f64>;
  private v0: f64 = 1.0;
  private v1: f64 = 0;
  private h0: i32 = 0;
  private o: i32 = 0;
  private p1: i32 = 0;
  private pOut: i32 = 32768;
  private readonly lr: f64 = LEARNING_RATE / 256 / 65536;
  private readonly lrOut: f64 = OUTPUT_LEARNING_RATE / 256 / 65536;
  private readonly skip16: i32 = <i32>Math.floor(SKIP * 65536);

  constructor(sets: i32) {
    this.w = weights(sets * 5);
  }

  get p(): i32 {
    return this.pOut;
  }

  forward(set0: i32): i32 {
    const x = this.x;
    const w = this.w;
    const o = set0 * 5;
    let dot: f64 = 0;
    for (let i = 0; i < 5; i++) dot += unchecked(w[o + i]) * unchecked(x[i]);
    let z = clampLogit(dot);
    this.o = o;
    this.p1 = unchecked(SQUASH[z + LIMIT]);
    this.h0 = z;
    dot = 0;
    dot += this.v0 * <f64>z;
    dot += this.v1 * BIAS;
    z = clampLogit(dot);
    this.pOut = unchecked(SQUASH[z + LIMIT]);
    return z;
  }

  train(bit: i32): void {
    const target = bit << 16;
    const skip = this.skip16;
    const x = this.x;
    let err = target - this.p1;
    if (!(err < skip && err > -skip)) {
      const g = <f64>err * this.lr;
      const w = this.w;
      const o = this.o;
      for (let i = 0; i < 5; i++) unchecked((w[o + i] += g * x[i]));
    }
    err = target - this.pOut;
    if (err < skip && err > -skip) return;
    const g = <f64>err * this.lrOut;
    this.v0 += g * <f64>this.h0;
    this.v1 += g * BIAS;
  }

  /** Test hook: a first-layer weight. */
  weight(i: i32): f64 {
    return this.w[i];
  }
}
