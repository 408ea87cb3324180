/**
 * The neural network that mixes the context models' predictions: two layers
 * of logistic neurons with gated weights (each neuron owns several weight
 * sets and a context picks one per bit, as in lpaq and paq8).
 *
 *   layer 1, neuron k:  z_k = Σ_i w_k[s_k][i] · x[i],  p_k = σ(z_k)
 *   layer 2:            z = Σ_k v[s][k] · z_k + v[s][K] · 256,  p = σ(z)
 *
 * Every logit here is in units of 1/256 nat: the inputs x (the last one a
 * bias of 256, one nat), and each z, which is clamped to ±LOGIT_LIMIT (±16
 * nats) and truncated to an integer; σ is the SQUASH table, p16 of
 * 1 / (1 + e^(−z/256)). Every neuron is trained on its own log loss
 * L = −y·ln p − (1−y)·ln(1−p); as z/256 is the logit in nats, the gradient
 * is ∂L/∂w[i] = (p − y) · x[i] / 256; one step of gradient descent per bit:
 *
 *   w[i] ← w[i] + lr · (y − p) · x[i] / 256
 *
 * A step whose error |y − p| is below `skip` is not taken: on well-predicted
 * data most bits are, and skipping them halves the time at no measurable
 * cost. test/oracle checks forward pass and updates against TensorFlow.js.
 */
import { SQUASH } from './logistic';
import { BIAS } from './settings';

export interface NetworkShape {
  /** Inputs of layer 1 (the last one should be a constant bias). */
  inputs: number;
  /** Number of weight sets of each first-layer neuron. */
  sets: number[];
  /** Number of weight sets of the output neuron. */
  outputSets: number;
  initialWeight: number;
  learningRate: number;
  outputLearningRate: number;
  /** Error below which a neuron skips its update, in probability units. */
  skip: number;
}

/** LOGIT_LIMIT as a literal in the hot code (an imported const is a property load per use). */
const enum Limit {
  Logit = 4095,
}
const SQUASH_TABLE = SQUASH;

function clampLogit(z: number): number {
  return z >= Limit.Logit ? Limit.Logit : z <= -Limit.Logit ? -Limit.Logit : z | 0;
}

export class Network {
  readonly inputs: number;
  readonly hidden: number;
  /** Layer-1 weights, one Float64Array per neuron: sets × inputs (views of `weights`). */
  readonly w: Float64Array[];
  /** All layer-1 weights, neuron after neuron: neuron k's set s at `neuronStart[k] + s × inputs`. */
  protected readonly weights: Float64Array;
  protected readonly neuronStart: Int32Array;
  /** Output weights: outputSets × (hidden + 1). */
  readonly v: Float64Array;
  /** The inputs of the current bit, written by the caller before forward(). */
  readonly x: Float64Array;
  /** Layer-1 outputs as clamped logits (+ bias), the inputs of layer 2. */
  readonly h: Float64Array;
  protected readonly offsets: Int32Array;
  protected readonly p1: Int32Array;
  protected outOffset = 0;
  protected pOut = 32768;
  /** The first layer's learning rate (as used in train: / 256 / 65536); level 9 lowers it as the stream goes on (setLearningRate). */
  protected lr: number;
  protected readonly lrOut: number;
  protected readonly skip16: number;

  /**
   * The inputs in use, the first ones (the rest count as 0: they neither act
   * nor learn); the predictor leaves its text contexts out on log-like data.
   */
  active: number;

  constructor(shape: NetworkShape) {
    this.inputs = shape.inputs;
    this.active = shape.inputs;
    this.hidden = shape.sets.length;
    // One array: the two-neuron path (forward2) reads both neurons' rows from it in one loop.
    const starts = [0];
    for (const s of shape.sets) starts.push(starts[starts.length - 1] + s * shape.inputs);
    this.weights = new Float64Array(starts[shape.sets.length]).fill(shape.initialWeight);
    this.neuronStart = Int32Array.from(starts.slice(0, shape.sets.length));
    this.w = shape.sets.map((_, k) => this.weights.subarray(starts[k], starts[k + 1]));
    this.v = new Float64Array(shape.outputSets * (this.hidden + 1)).fill(1 / this.hidden);
    this.x = new Float64Array(shape.inputs);
    this.h = new Float64Array(this.hidden + 1);
    this.h[this.hidden] = BIAS; // the output neuron's bias input
    for (let s = 0; s < shape.outputSets; s++) this.v[s * (this.hidden + 1) + this.hidden] = 0;
    this.offsets = new Int32Array(this.hidden);
    this.p1 = new Int32Array(this.hidden);
    this.lr = shape.learningRate / 256 / 65536;
    this.lrOut = shape.outputLearningRate / 256 / 65536;
    this.skip16 = Math.floor(shape.skip * 65536);
  }

  /** Sets the first layer's learning rate (the shape's learningRate units). */
  setLearningRate(rate: number): void {
    this.lr = rate / 256 / 65536;
  }

  /** Forward pass; `sets[k]` selects neuron k's weight set, `outputSet` the output's. Returns the output logit. */
  forward(sets: Int32Array, outputSet: number): number {
    if (this.hidden === 2) return this.forward2(sets, outputSet);
    // Fields in locals: V8 does not hoist their loads out of the loops itself.
    const n = this.inputs;
    const active = this.active;
    const x = this.x;
    const h = this.h;
    const ws = this.w;
    const offsets = this.offsets;
    const p1 = this.p1;
    const hidden = this.hidden;
    for (let k = 0; k < hidden; k++) {
      const w = ws[k];
      const o = sets[k] * n;
      let dot = 0;
      for (let i = 0; i < active; i++) dot += w[o + i] * x[i];
      const z = clampLogit(dot);
      offsets[k] = o;
      p1[k] = SQUASH_TABLE[z + Limit.Logit];
      h[k] = z;
    }
    const m = hidden + 1;
    const v = this.v;
    const o = outputSet * m;
    let dot = 0;
    for (let k = 0; k < m; k++) dot += v[o + k] * h[k];
    const z = clampLogit(dot);
    this.outOffset = o;
    this.pOut = SQUASH_TABLE[z + Limit.Logit];
    return z;
  }

  /**
   * forward() for two first-layer neurons (level 6 and below): both dot
   * products in one loop over the inputs, each summed in the same order as
   * forward()'s, so the same results to the bit.
   */
  private forward2(sets: Int32Array, outputSet: number): number {
    const n = this.inputs;
    const active = this.active;
    const x = this.x;
    const w = this.weights;
    const o0 = sets[0] * n;
    const o1 = this.neuronStart[1] + sets[1] * n;
    let dot0 = 0;
    let dot1 = 0;
    for (let i = 0; i < active; i++) {
      const xi = x[i];
      dot0 += w[o0 + i] * xi;
      dot1 += w[o1 + i] * xi;
    }
    const z0 = clampLogit(dot0);
    const z1 = clampLogit(dot1);
    const offsets = this.offsets;
    const p1 = this.p1;
    const h = this.h;
    offsets[0] = o0;
    offsets[1] = o1;
    p1[0] = SQUASH_TABLE[z0 + Limit.Logit];
    p1[1] = SQUASH_TABLE[z1 + Limit.Logit];
    h[0] = z0;
    h[1] = z1;
    const v = this.v;
    const o = outputSet * 3;
    let dot = 0;
    dot += v[o] * z0;
    dot += v[o + 1] * z1;
    dot += v[o + 2] * h[2];
    const z = clampLogit(dot);
    this.outOffset = o;
    this.pOut = SQUASH_TABLE[z + Limit.Logit];
    return z;
  }

  /** The output probability of the last forward(), as p16. */
  get p(): number {
    return this.pOut;
  }

  /** One gradient step for every neuron on the bit just coded. */
  train(bit: number): void {
    if (this.hidden === 2) {
      this.train2(bit);
      return;
    }
    const target = bit << 16;
    const skip = this.skip16;
    const active = this.active;
    const x = this.x;
    const p1 = this.p1;
    const hidden = this.hidden;
    for (let k = 0; k < hidden; k++) {
      const err = target - p1[k];
      if (err < skip && err > -skip) continue;
      const g = err * this.lr;
      const w = this.w[k];
      const o = this.offsets[k];
      for (let i = 0; i < active; i++) w[o + i] += g * x[i];
    }
    this.trainOutput(target);
  }

  /** The output neuron's gradient step (train's last part). */
  protected trainOutput(target: number): void {
    const skip = this.skip16;
    const err = target - this.pOut;
    if (err < skip && err > -skip) return;
    const g = err * this.lrOut;
    const v = this.v;
    const o = this.outOffset;
    const h = this.h;
    for (let k = 0; k <= this.hidden; k++) v[o + k] += g * h[k];
  }

  /** train() for two first-layer neurons (forward2): both rows in one loop when both learn; the same results to the bit. */
  private train2(bit: number): void {
    const target = bit << 16;
    const skip = this.skip16;
    const p1 = this.p1;
    const err0 = target - p1[0];
    const err1 = target - p1[1];
    const learn0 = err0 >= skip || err0 <= -skip;
    const learn1 = err1 >= skip || err1 <= -skip;
    if (learn0 || learn1) {
      const active = this.active;
      const x = this.x;
      const w = this.weights;
      const o0 = this.offsets[0];
      const o1 = this.offsets[1];
      if (learn0 && learn1) {
        const g0 = err0 * this.lr;
        const g1 = err1 * this.lr;
        for (let i = 0; i < active; i++) {
          const xi = x[i];
          w[o0 + i] += g0 * xi;
          w[o1 + i] += g1 * xi;
        }
      } else {
        const g = (learn0 ? err0 : err1) * this.lr;
        const o = learn0 ? o0 : o1;
        for (let i = 0; i < active; i++) w[o + i] += g * x[i];
      }
    }
    this.trainOutput(target);
  }
}
