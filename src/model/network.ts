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
  /** Layer-1 weights, one Float64Array per neuron: sets × inputs. */
  readonly w: Float64Array[];
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
  protected readonly lr: number;
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
    this.w = shape.sets.map((s) => new Float64Array(s * shape.inputs).fill(shape.initialWeight));
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

  /** Forward pass; `sets[k]` selects neuron k's weight set, `outputSet` the output's. Returns the output logit. */
  forward(sets: Int32Array, outputSet: number): number {
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

  /** The output probability of the last forward(), as p16. */
  get p(): number {
    return this.pOut;
  }

  /** One gradient step for every neuron on the bit just coded. */
  train(bit: number): void {
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
    const err = target - this.pOut;
    if (err < skip && err > -skip) return;
    const g = err * this.lrOut;
    const v = this.v;
    const o = this.outOffset;
    const h = this.h;
    for (let k = 0; k <= hidden; k++) v[o + k] += g * h[k];
  }
}
