/**
 * The expected-byte model's network (expect.ts): Network with its shape fixed
 * at 8 inputs (7 counters and the bias), 3 first-layer neurons (model 2) or 2
 * (model 3) and one output weight set, its loops written out; and the run
 * model's (run.ts) likewise. The same operations in the same order as
 * Network's forward() and train(), so the same results to the bit (the
 * oracle and model-parts tests check it); only faster, as this runs for every
 * guess.
 */
import { SQUASH } from './logistic';
import { Network, NetworkShape } from './network';

const enum Limit {
  Logit = 4095,
}
const SQUASH_TABLE = SQUASH;

/** The inputs and first-layer neurons this network is written out for. */
export const EXPECT_NET_INPUTS = 8;
export const EXPECT_NET_HIDDEN = 3;

/** Refuses a shape other than the one a written-out network is written for. */
function requireShape(shape: NetworkShape, inputs: number, hidden: number, name: string): void {
  if (shape.inputs !== inputs || shape.sets.length !== hidden || shape.outputSets !== 1) {
    throw new Error(`${name}: ${inputs} inputs, ${hidden} neurons and 1 output set only`);
  }
}

/** What the written-out expected-byte networks share: the output's last step and the learning steps. */
abstract class WrittenOutNetwork extends Network {
  /** The output neuron's clamped logit from its sum over weight set `o`; remembers both for train(). */
  protected finishOutput(dot: number, o: number): number {
    const z = dot >= Limit.Logit ? Limit.Logit : dot <= -Limit.Logit ? -Limit.Logit : dot | 0;
    this.outOffset = o;
    this.pOut = SQUASH_TABLE[z + Limit.Logit];
    return z;
  }

  /** First-layer neuron k's step towards `target` (bit << 16), unless its error is within the skip. */
  protected stepNeuron(k: number, target: number): void {
    const err = target - this.p1[k];
    const skip = this.skip16;
    if (err < skip && err > -skip) return;
    const g = err * this.lr;
    const x = this.x;
    const w = this.w[k];
    const o = this.offsets[k];
    w[o] += g * x[0]; w[o + 1] += g * x[1]; w[o + 2] += g * x[2]; w[o + 3] += g * x[3];
    w[o + 4] += g * x[4]; w[o + 5] += g * x[5]; w[o + 6] += g * x[6]; w[o + 7] += g * x[7];
  }
}

export class ExpectNetwork extends WrittenOutNetwork {
  constructor(shape: NetworkShape) {
    super(shape);
    requireShape(shape, EXPECT_NET_INPUTS, EXPECT_NET_HIDDEN, 'ExpectNetwork');
  }

  /** Network.forward for this shape (outputSet must be 0). */
  override forward(sets: Int32Array, outputSet: number): number {
    const x = this.x;
    const x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
    const ws = this.w;
    const h = this.h;
    const p1 = this.p1;
    const offsets = this.offsets;
    let w = ws[0];
    let o = sets[0] << 3;
    let dot = 0;
    dot += w[o] * x0; dot += w[o + 1] * x1; dot += w[o + 2] * x2; dot += w[o + 3] * x3;
    dot += w[o + 4] * x4; dot += w[o + 5] * x5; dot += w[o + 6] * x6; dot += w[o + 7] * x7;
    let z = dot >= Limit.Logit ? Limit.Logit : dot <= -Limit.Logit ? -Limit.Logit : dot | 0;
    offsets[0] = o;
    p1[0] = SQUASH_TABLE[z + Limit.Logit];
    const h0 = z;
    w = ws[1];
    o = sets[1] << 3;
    dot = 0;
    dot += w[o] * x0; dot += w[o + 1] * x1; dot += w[o + 2] * x2; dot += w[o + 3] * x3;
    dot += w[o + 4] * x4; dot += w[o + 5] * x5; dot += w[o + 6] * x6; dot += w[o + 7] * x7;
    z = dot >= Limit.Logit ? Limit.Logit : dot <= -Limit.Logit ? -Limit.Logit : dot | 0;
    offsets[1] = o;
    p1[1] = SQUASH_TABLE[z + Limit.Logit];
    const h1 = z;
    w = ws[2];
    o = sets[2] << 3;
    dot = 0;
    dot += w[o] * x0; dot += w[o + 1] * x1; dot += w[o + 2] * x2; dot += w[o + 3] * x3;
    dot += w[o + 4] * x4; dot += w[o + 5] * x5; dot += w[o + 6] * x6; dot += w[o + 7] * x7;
    z = dot >= Limit.Logit ? Limit.Logit : dot <= -Limit.Logit ? -Limit.Logit : dot | 0;
    offsets[2] = o;
    p1[2] = SQUASH_TABLE[z + Limit.Logit];
    const h2 = z;
    h[0] = h0;
    h[1] = h1;
    h[2] = h2;
    const v = this.v;
    o = outputSet << 2;
    dot = 0;
    dot += v[o] * h0; dot += v[o + 1] * h1; dot += v[o + 2] * h2; dot += v[o + 3] * h[3];
    return this.finishOutput(dot, o);
  }

  /** Network.train for this shape. */
  override train(bit: number): void {
    const target = bit << 16;
    this.stepNeuron(0, target);
    this.stepNeuron(1, target);
    this.stepNeuron(2, target);
    this.trainOutput(target);
  }
}

/**
 * Model 3's expected-byte network (expect.ts with `fast`): Network with 8
 * inputs, 2 first-layer neurons and one output set, written out likewise.
 */
export class ExpectNetwork2 extends WrittenOutNetwork {
  constructor(shape: NetworkShape) {
    super(shape);
    requireShape(shape, EXPECT_NET_INPUTS, 2, 'ExpectNetwork2');
  }

  /** Network.forward for this shape (outputSet must be 0). */
  override forward(sets: Int32Array, outputSet: number): number {
    const o0 = sets[0] << 3;
    const o1 = sets[1] << 3;
    const w0 = this.w[0];
    const w1 = this.w[1];
    const x = this.x;
    const x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3], x4 = x[4], x5 = x[5], x6 = x[6], x7 = x[7];
    // The two neurons' sums side by side, each in Network's order (the same results).
    let dot0 = 0;
    let dot1 = 0;
    dot0 += w0[o0] * x0; dot1 += w1[o1] * x0; dot0 += w0[o0 + 1] * x1; dot1 += w1[o1 + 1] * x1;
    dot0 += w0[o0 + 2] * x2; dot1 += w1[o1 + 2] * x2; dot0 += w0[o0 + 3] * x3; dot1 += w1[o1 + 3] * x3;
    dot0 += w0[o0 + 4] * x4; dot1 += w1[o1 + 4] * x4; dot0 += w0[o0 + 5] * x5; dot1 += w1[o1 + 5] * x5;
    dot0 += w0[o0 + 6] * x6; dot1 += w1[o1 + 6] * x6; dot0 += w0[o0 + 7] * x7; dot1 += w1[o1 + 7] * x7;
    const h0 = dot0 >= Limit.Logit ? Limit.Logit : dot0 <= -Limit.Logit ? -Limit.Logit : dot0 | 0;
    const h1 = dot1 >= Limit.Logit ? Limit.Logit : dot1 <= -Limit.Logit ? -Limit.Logit : dot1 | 0;
    const offsets = this.offsets;
    const p1 = this.p1;
    offsets[0] = o0;
    offsets[1] = o1;
    p1[0] = SQUASH_TABLE[h0 + Limit.Logit];
    p1[1] = SQUASH_TABLE[h1 + Limit.Logit];
    const h = this.h;
    h[0] = h0;
    h[1] = h1;
    const v = this.v;
    const o = outputSet * 3;
    let dot = 0;
    dot += v[o] * h0; dot += v[o + 1] * h1; dot += v[o + 2] * h[2];
    return this.finishOutput(dot, o);
  }

  /** Network.train for this shape. */
  override train(bit: number): void {
    const target = bit << 16;
    this.stepNeuron(0, target);
    this.stepNeuron(1, target);
    this.trainOutput(target);
  }
}

/** The run model's network (run.ts): Network with 5 inputs (4 counters and the bias), one neuron and one output set, written out likewise. */
export class RunNetwork extends Network {
  constructor(shape: NetworkShape) {
    super(shape);
    if (shape.inputs !== 5 || shape.sets.length !== 1 || shape.outputSets !== 1) {
      throw new Error('RunNetwork: 5 inputs, 1 neuron and 1 output set only');
    }
  }

  /** Network.forward for this shape (outputSet must be 0). */
  override forward(sets: Int32Array, outputSet: number): number {
    const x = this.x;
    const w = this.w[0];
    const o = sets[0] * 5;
    let dot = 0;
    dot += w[o] * x[0]; dot += w[o + 1] * x[1]; dot += w[o + 2] * x[2]; dot += w[o + 3] * x[3]; dot += w[o + 4] * x[4];
    let z = dot >= Limit.Logit ? Limit.Logit : dot <= -Limit.Logit ? -Limit.Logit : dot | 0;
    this.offsets[0] = o;
    this.p1[0] = SQUASH_TABLE[z + Limit.Logit];
    const h = this.h;
    h[0] = z;
    const v = this.v;
    const vo = outputSet * 2;
    dot = 0;
    dot += v[vo] * z; dot += v[vo + 1] * h[1];
    z = dot >= Limit.Logit ? Limit.Logit : dot <= -Limit.Logit ? -Limit.Logit : dot | 0;
    this.outOffset = vo;
    this.pOut = SQUASH_TABLE[z + Limit.Logit];
    return z;
  }

  /** Network.train for this shape. */
  override train(bit: number): void {
    const target = bit << 16;
    const skip = this.skip16;
    const x = this.x;
    let err = target - this.p1[0];
    if (!(err < skip && err > -skip)) {
      const g = err * this.lr;
      const w = this.w[0];
      const o = this.offsets[0];
      w[o] += g * x[0]; w[o + 1] += g * x[1]; w[o + 2] += g * x[2]; w[o + 3] += g * x[3]; w[o + 4] += g * x[4];
    }
    err = target - this.pOut;
    if (err < skip && err > -skip) return;
    const g = err * this.lrOut;
    const v = this.v;
    const o = this.outOffset;
    const h = this.h;
    v[o] += g * h[0]; v[o + 1] += g * h[1];
  }
}
