/**
 * One neuron of the network: logistic regression over stretched
 * probabilities, with several weight sets of which a context selects one per
 * bit (a gated linear layer, as in lpaq and paq8).
 *
 *   forward:  z = Σ w[i] · x[i] / 256      (x in logit units of 1/256)
 *             p = σ(z)                      (by the SQUASH table)
 *   loss:     L = −y·ln p − (1−y)·ln(1−p)   (the bit's coding cost in nats)
 *   update:   w[i] ← w[i] − lr · ∂L/∂w[i] = w[i] + lr · (y − p) · x[i] / 256
 *
 * test/oracle.test.ts checks the forward pass and this update against
 * TensorFlow.js autograd on the same network.
 */
import { LOGIT_LIMIT, SQUASH } from './logistic';

export class Mixer {
  readonly inputs: number;
  readonly weights: Float64Array;
  private offset = 0;
  private p16 = 32768;
  /** The last output as a clamped logit (1/256 units), the input of the next layer. */
  logit = 0;
  /** Learning rate in the units of the update above. */
  learningRate: number;

  constructor(inputs: number, sets: number, initialWeight: number, learningRate: number) {
    this.inputs = inputs;
    this.weights = new Float64Array(inputs * sets).fill(initialWeight);
    this.learningRate = learningRate;
  }

  /** Forward pass with weight set `set`; returns P(1) as p16. */
  predict(x: Float64Array, set: number): number {
    const w = this.weights;
    const n = this.inputs;
    const o = set * n;
    let dot = 0;
    for (let i = 0; i < n; i++) dot += w[o + i] * x[i];
    // Clamp before truncating: `| 0` of a huge double would wrap around.
    const d = dot >= LOGIT_LIMIT ? LOGIT_LIMIT : dot <= -LOGIT_LIMIT ? -LOGIT_LIMIT : dot | 0;
    this.offset = o;
    this.logit = d;
    return (this.p16 = SQUASH[d + LOGIT_LIMIT]);
  }

  /** One step of gradient descent on the log loss of the bit just coded. */
  update(x: Float64Array, bit: number): void {
    const w = this.weights;
    const n = this.inputs;
    const o = this.offset;
    // (y − p) in probability units, times lr, with x's 1/256 folded in.
    const g = ((bit * 65536 - this.p16) / 65536) * (this.learningRate / 256);
    for (let i = 0; i < n; i++) w[o + i] += g * x[i];
  }
}
