/**
 * A second output neuron of the bit network (model 3's level 9): the same
 * as the network's own (network.ts, layer 2) but with its weight sets chosen
 * by another context; the two output logits are averaged. Several weight
 * sets selected by different contexts in the final layer, as paq8's mixers do.
 *
 *   z2 = Σ_k v2[s][k] · h_k + v2[s][K] · 256, clamped and truncated as in network.ts;
 *   trained on its own log loss: v2[s][k] ← v2[s][k] + lr · (y − p2) · h_k / 256.
 */
import { SQUASH } from './logistic';

const LIMIT = 4095;

export class SecondOutput {
  private readonly v: Float64Array;
  private readonly m: number;
  private offset = 0;
  private p = 32768;
  private readonly lr: number;
  private readonly skip16: number;

  constructor(hidden: number, sets: number, learningRate: number, skip: number) {
    this.m = hidden + 1;
    this.v = new Float64Array(sets * this.m).fill(1 / hidden);
    for (let s = 0; s < sets; s++) this.v[s * this.m + hidden] = 0;
    this.lr = learningRate / 256 / 65536;
    this.skip16 = Math.floor(skip * 65536);
  }

  /** The output logit for the network's hidden logits h (bias last), with weight set `set`. */
  forward(h: Float64Array, set: number): number {
    const m = this.m;
    const v = this.v;
    const o = set * m;
    let dot = 0;
    for (let k = 0; k < m; k++) dot += v[o + k] * h[k];
    // Clamped without branches (the same value, NaN too): a branch first taken
    // after V8 has optimised predict() would throw that code away.
    const z = Math.max(-LIMIT, Math.min(LIMIT, dot)) | 0;
    this.offset = o;
    this.p = SQUASH[z + LIMIT];
    return z;
  }

  train(h: Float64Array, bit: number): void {
    const err = (bit << 16) - this.p;
    if (err < this.skip16 && err > -this.skip16) return;
    const g = err * this.lr;
    const v = this.v;
    const o = this.offset;
    for (let k = 0; k < this.m; k++) v[o + k] += g * h[k];
  }
}
