// src/model/network.ts: the bit network, two layers of gated logistic neurons.
// Level 6 of model 3 has two first-layer neurons: network.ts's two-neuron
// paths (forward2, train2) are Network; level 1 has one: network.ts's
// forward/train with hidden = 1 are Network1 (a class of its own, so level
// 6's stays as it is); level 9 has eight: forward/train's general loops are
// NetworkN. Models 1-2's other counts are not ported.
import { SQUASH } from './logistic';
import { BIAS } from './settings';
import { Table } from './table';

const LIMIT: i32 = 4095;

/** network.ts clampLogit: z | 0 inside the limits (never out of i32 range there). */
// @ts-ignore: decorator
@inline function clampLogit(z: f64): i32 {
  return z >= <f64>LIMIT ? LIMIT : z <= -<f64>LIMIT ? -LIMIT : <i32>z;
}

@final export class Network {
  readonly inputs: i32;
  readonly hidden: i32 = 2;
  /** All layer-1 weights: neuron 0's sets0 × inputs, then neuron 1's (network.ts weights). */
  readonly weights: Table<f64>;
  /** Where neuron 1's weights start (network.ts neuronStart[1]). */
  private readonly start1: i32;
  /** Output weights: outputSets × (hidden + 1). */
  readonly v: Table<f64>;
  /** The inputs of the current bit, written by the caller before forward(). */
  readonly x: Table<f64>;
  /** Layer-1 outputs as clamped logits (+ bias), the inputs of layer 2. */
  readonly h: Table<f64>;
  private offset0: i32 = 0;
  private offset1: i32 = 0;
  private p10: i32 = 0;
  private p11: i32 = 0;
  private outOffset: i32 = 0;
  private pOut: i32 = 32768;
  private lr: f64;
  private readonly lrOut: f64;
  private readonly skip16: i32;
  /** The inputs in use, the first ones (the rest count as 0). */
  active: i32;

  /** network.ts's NetworkShape with sets = [sets0, sets1]. */
  constructor(inputs: i32, sets0: i32, sets1: i32, outputSets: i32, initialWeight: f64, learningRate: f64, outputLearningRate: f64, skip: f64) {
    this.inputs = inputs;
    this.active = inputs;
    const start1 = sets0 * inputs;
    const total = start1 + sets1 * inputs;
    this.start1 = start1;
    const weights = new Table<f64>(total);
    weights.fill(initialWeight, 0, total);
    this.weights = weights;
    const m = outputSets * 3;
    const v = new Table<f64>(m);
    v.fill(1 / <f64>2, 0, m);
    for (let s = 0; s < outputSets; s++) v[s * 3 + 2] = 0;
    this.v = v;
    const x = new Table<f64>(inputs);
    x.fill(0, 0, inputs);
    this.x = x;
    const h = new Table<f64>(3);
    h.fill(0, 0, 2);
    h[2] = BIAS; // the output neuron's bias input
    this.h = h;
    this.lr = learningRate / 256 / 65536;
    this.lrOut = outputLearningRate / 256 / 65536;
    this.skip16 = <i32>Math.floor(skip * 65536);
  }

  /** Sets the first layer's learning rate (the shape's learningRate units). */
  setLearningRate(rate: f64): void {
    this.lr = rate / 256 / 65536;
  }

  /** Forward pass (network.ts forward2): `sets[k]` selects neuron k's weight set, `outputSet` the output's. Returns the output logit. */
  forward(sets: StaticArray<i32>, outputSet: i32): i32 {
    const n = this.inputs;
    const active = this.active;
    const x = this.x;
    const w = this.weights;
    const o0 = unchecked(sets[0]) * n;
    const o1 = this.start1 + unchecked(sets[1]) * n;
    let dot0: f64 = 0;
    let dot1: f64 = 0;
    for (let i = 0; i < active; i++) {
      const xi = x[i];
      dot0 += w[o0 + i] * xi;
      dot1 += w[o1 + i] * xi;
    }
    const z0 = clampLogit(dot0);
    const z1 = clampLogit(dot1);
    this.offset0 = o0;
    this.offset1 = o1;
    this.p10 = unchecked(SQUASH[z0 + LIMIT]);
    this.p11 = unchecked(SQUASH[z1 + LIMIT]);
    const h = this.h;
    h[0] = <f64>z0;
    h[1] = <f64>z1;
    const v = this.v;
    const o = outputSet * 3;
    let dot: f64 = 0;
    dot += v[o] * <f64>z0;
    dot += v[o + 1] * <f64>z1;
    dot += v[o + 2] * h[2];
    const z = clampLogit(dot);
    this.outOffset = o;
    this.pOut = unchecked(SQUASH[z + LIMIT]);
    return z;
  }

  /** The output probability of the last forward(), as p16. */
  get p(): i32 {
    return this.pOut;
  }

  /** One gradient step for every neuron on the bit just coded (network.ts train2). */
  train(bit: i32): void {
    const target = bit << 16;
    const skip = this.skip16;
    const err0 = target - this.p10;
    const err1 = target - this.p11;
    const learn0 = err0 >= skip || err0 <= -skip;
    const learn1 = err1 >= skip || err1 <= -skip;
    if (learn0 || learn1) {
      const active = this.active;
      const x = this.x;
      const w = this.weights;
      const o0 = this.offset0;
      const o1 = this.offset1;
      if (learn0 && learn1) {
        const g0 = <f64>err0 * this.lr;
        const g1 = <f64>err1 * this.lr;
        for (let i = 0; i < active; i++) {
          const xi = x[i];
          w[o0 + i] = w[o0 + i] + g0 * xi;
          w[o1 + i] = w[o1 + i] + g1 * xi;
        }
      } else {
        const g = <f64>(learn0 ? err0 : err1) * this.lr;
        const o = learn0 ? o0 : o1;
        for (let i = 0; i < active; i++) w[o + i] = w[o + i] + g * x[i];
      }
    }
    this.trainOutput(target);
  }

  /** The output neuron's gradient step (train's last part). */
  private trainOutput(target: i32): void {
    const skip = this.skip16;
    const err = target - this.pOut;
    if (err < skip && err > -skip) return;
    const g = <f64>err * this.lrOut;
    const v = this.v;
    const o = this.outOffset;
    const h = this.h;
    for (let k = 0; k <= 2; k++) v[o + k] = v[o + k] + g * h[k];
  }
}

/** network.ts's Network with one first-layer neuron (level 1 of model 3): forward/train's loops for hidden = 1. */
@final export class Network1 {
  readonly inputs: i32;
  /** Layer-1 weights: sets × inputs (network.ts w[0]). */
  readonly weights: Table<f64>;
  /** Output weights: outputSets × 2. */
  readonly v: Table<f64>;
  /** The inputs of the current bit, written by the caller before forward(). */
  readonly x: Table<f64>;
  /** The neuron's output as a clamped logit, then the bias: the inputs of layer 2. */
  readonly h: Table<f64>;
  private offset: i32 = 0;
  private p1: i32 = 0;
  private outOffset: i32 = 0;
  private pOut: i32 = 32768;
  private lr: f64;
  private readonly lrOut: f64;
  private readonly skip16: i32;
  /** The inputs in use, the first ones (the rest count as 0). */
  active: i32;

  /** network.ts's NetworkShape with sets = [sets]. */
  constructor(inputs: i32, sets: i32, outputSets: i32, initialWeight: f64, learningRate: f64, outputLearningRate: f64, skip: f64) {
    this.inputs = inputs;
    this.active = inputs;
    const total = sets * inputs;
    const weights = new Table<f64>(total);
    weights.fill(initialWeight, 0, total);
    this.weights = weights;
    const m = outputSets * 2;
    const v = new Table<f64>(m);
    v.fill(1 / <f64>1, 0, m); // 1 / hidden
    for (let s = 0; s < outputSets; s++) v[s * 2 + 1] = 0;
    this.v = v;
    const x = new Table<f64>(inputs);
    x.fill(0, 0, inputs);
    this.x = x;
    const h = new Table<f64>(2);
    h[0] = 0;
    h[1] = BIAS; // the output neuron's bias input
    this.h = h;
    this.lr = learningRate / 256 / 65536;
    this.lrOut = outputLearningRate / 256 / 65536;
    this.skip16 = <i32>Math.floor(skip * 65536);
  }

  /** Forward pass: `set` selects the neuron's weight set, `outputSet` the output's. Returns the output logit. */
  forward(set: i32, outputSet: i32): i32 {
    const n = this.inputs;
    const active = this.active;
    const x = this.x;
    const w = this.weights;
    const o1 = set * n;
    let dot1: f64 = 0;
    for (let i = 0; i < active; i++) dot1 += w[o1 + i] * x[i];
    const z1 = clampLogit(dot1);
    this.offset = o1;
    this.p1 = unchecked(SQUASH[z1 + LIMIT]);
    const h = this.h;
    h[0] = <f64>z1;
    const v = this.v;
    const o = outputSet * 2;
    let dot: f64 = 0;
    dot += v[o] * h[0];
    dot += v[o + 1] * h[1];
    const z = clampLogit(dot);
    this.outOffset = o;
    this.pOut = unchecked(SQUASH[z + LIMIT]);
    return z;
  }

  /** The output probability of the last forward(), as p16. */
  get p(): i32 {
    return this.pOut;
  }

  /** One gradient step for both neurons on the bit just coded (network.ts train, trainOutput). */
  train(bit: i32): void {
    const target = bit << 16;
    const skip = this.skip16;
    const err1 = target - this.p1;
    if (!(err1 < skip && err1 > -skip)) {
      const g = <f64>err1 * this.lr;
      const active = this.active;
      const x = this.x;
      const w = this.weights;
      const o1 = this.offset;
      for (let i = 0; i < active; i++) w[o1 + i] = w[o1 + i] + g * x[i];
    }
    const err = target - this.pOut;
    if (err < skip && err > -skip) return;
    const g = <f64>err * this.lrOut;
    const v = this.v;
    const o = this.outOffset;
    const h = this.h;
    for (let k = 0; k <= 1; k++) v[o + k] = v[o + k] + g * h[k];
  }
}

/**
 * network.ts's Network with any number of first-layer neurons (level 9 of
 * model 3: eight): the general forward/train loops, neuron after neuron,
 * and setLearningRate for the learning schedule. A class of its own, so that
 * Network (level 6) and Network1 (level 1) stay as they are.
 */
@final export class NetworkN {
  readonly inputs: i32;
  readonly hidden: i32;
  /** All layer-1 weights, neuron after neuron: neuron k's set s at neuronStart[k] + s × inputs. */
  readonly weights: Table<f64>;
  private readonly neuronStart: Table<i32>;
  /** Output weights: outputSets × (hidden + 1). */
  readonly v: Table<f64>;
  /** The inputs of the current bit, written by the caller before forward(). */
  readonly x: Table<f64>;
  /** Layer-1 outputs as clamped logits (+ bias), the inputs of layer 2. */
  readonly h: Table<f64>;
  /** Each neuron's weight row of the last forward(), as an index of `weights`. */
  private readonly offsets: Table<i32>;
  private readonly p1: Table<i32>;
  private outOffset: i32 = 0;
  private pOut: i32 = 32768;
  private lr: f64;
  private readonly lrOut: f64;
  private readonly skip16: i32;
  /** The inputs in use, the first ones (the rest count as 0). */
  active: i32;

  /** network.ts's NetworkShape; `sets[k]`: neuron k's number of weight sets. */
  constructor(inputs: i32, sets: StaticArray<i32>, outputSets: i32, initialWeight: f64, learningRate: f64, outputLearningRate: f64, skip: f64) {
    const hidden = sets.length;
    this.inputs = inputs;
    this.active = inputs;
    this.hidden = hidden;
    const neuronStart = new Table<i32>(hidden);
    let total = 0;
    for (let k = 0; k < hidden; k++) {
      neuronStart[k] = total;
      total += unchecked(sets[k]) * inputs;
    }
    this.neuronStart = neuronStart;
    const weights = new Table<f64>(total);
    weights.fill(initialWeight, 0, total);
    this.weights = weights;
    const m = hidden + 1;
    const v = new Table<f64>(outputSets * m);
    v.fill(1 / <f64>hidden, 0, outputSets * m);
    for (let s = 0; s < outputSets; s++) v[s * m + hidden] = 0;
    this.v = v;
    const x = new Table<f64>(inputs);
    x.fill(0, 0, inputs);
    this.x = x;
    const h = new Table<f64>(m);
    h.fill(0, 0, hidden);
    h[hidden] = BIAS; // the output neuron's bias input
    this.h = h;
    this.offsets = new Table<i32>(hidden);
    this.p1 = new Table<i32>(hidden);
    this.lr = learningRate / 256 / 65536;
    this.lrOut = outputLearningRate / 256 / 65536;
    this.skip16 = <i32>Math.floor(skip * 65536);
  }

  /** Sets the first layer's learning rate (the shape's learningRate units). */
  setLearningRate(rate: f64): void {
    this.lr = rate / 256 / 65536;
  }

  /** Forward pass: `sets[k]` selects neuron k's weight set, `outputSet` the output's. Returns the output logit. */
  forward(sets: StaticArray<i32>, outputSet: i32): i32 {
    const n = this.inputs;
    const active = this.active;
    const x = this.x;
    const h = this.h;
    const w = this.weights;
    const offsets = this.offsets;
    const p1 = this.p1;
    const hidden = this.hidden;
    for (let k = 0; k < hidden; k++) {
      const o = this.neuronStart[k] + unchecked(sets[k]) * n;
      let dot: f64 = 0;
      for (let i = 0; i < active; i++) dot += w[o + i] * x[i];
      const z = clampLogit(dot);
      offsets[k] = o;
      p1[k] = unchecked(SQUASH[z + LIMIT]);
      h[k] = <f64>z;
    }
    const m = hidden + 1;
    const v = this.v;
    const o = outputSet * m;
    let dot: f64 = 0;
    for (let k = 0; k < m; k++) dot += v[o + k] * h[k];
    const z = clampLogit(dot);
    this.outOffset = o;
    this.pOut = unchecked(SQUASH[z + LIMIT]);
    return z;
  }

  /** The output probability of the last forward(), as p16. */
  get p(): i32 {
    return this.pOut;
  }

  /** One gradient step for every neuron on the bit just coded (network.ts train, trainOutput). */
  train(bit: i32): void {
    const target = bit << 16;
    const skip = this.skip16;
    const active = this.active;
    const x = this.x;
    const w = this.weights;
    const p1 = this.p1;
    const hidden = this.hidden;
    for (let k = 0; k < hidden; k++) {
      const err = target - p1[k];
      if (err < skip && err > -skip) continue;
      const g = <f64>err * this.lr;
      const o = this.offsets[k];
      for (let i = 0; i < active; i++) w[o + i] = w[o + i] + g * x[i];
    }
    const err = target - this.pOut;
    if (err < skip && err > -skip) return;
    const g = <f64>err * this.lrOut;
    const v = this.v;
    const o = this.outOffset;
    const h = this.h;
    for (let k = 0; k <= hidden; k++) v[o + k] = v[o + k] + g * h[k];
  }
}
