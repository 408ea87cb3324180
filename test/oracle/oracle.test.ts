/**
 * TensorFlow.js as an oracle for the network (src/model/network.ts, as used
 * by src/model/predictor.ts) and the tables of src/model/logistic.ts. The
 * same neurons built from tf variables, tf.sigmoid and tf's sigmoid
 * cross-entropy, trained by tf autograd / SGD, must agree with ours within
 * the precision ours is built to:
 *
 *  - our logit is truncated to 1/256 nat before the table lookup, so
 *    |p − σ(z)| <= σ'(z*)·(1/256) + 2^-16 (z* the end of the truncation
 *    interval nearer 0, where σ' is largest; 2^-16 covers rounding p to
 *    1/65536 and the clamp of p to [1, 65535]);
 *  - tfjs's cpu backend computes in float32 (unit roundoff 2^-24), so every
 *    bound gets a float32 slack proportional to the magnitudes involved.
 *
 * Our update is w += lr·(y − p)·x/256 with p our table probability; tf's
 * SGD step is w −= lr·∂L/∂w = w + lr·(y − σ(z))·x/256. So the two steps
 * differ by exactly lr·(σ(z) − p)·x/256, which we check to float32
 * precision, on top of checking |σ(z) − p| against the bound above.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { codeByte, codeNext, KNOWN_BITS } from '../../src/coder/code-byte';
import { deterministicExp, LOGIT_LIMIT, P_ONE, SQUASH, STRETCH } from '../../src/model/logistic';
import { Network, NetworkShape } from '../../src/model/network';
import { Predictor } from '../../src/model/predictor';
import { MODEL2_ID, presetFor } from '../../src/model/presets';
import { RunModel } from '../../src/model/run';
import { RunOffer } from '../../src/model/run-offer';
import { GuessOffer } from '../../src/model/guess';
import { SecondOutput } from '../../src/model/second-output';
import { logText, Rng, runsLogText } from '../core/helpers';

/** float32 unit roundoff. */
const U32 = 2 ** -24;

// Math.exp is fine here: tests are not part of the coded arithmetic.
const sigma = (u: number) => 1 / (1 + Math.exp(-u));
const dsigma = (u: number) => sigma(u) * (1 - sigma(u));
/** The largest σ' on [c − r, c + r] (σ' peaks at 0 and falls with |u|). */
const maxSlope = (c: number, r: number) => dsigma(Math.abs(c) <= r ? 0 : Math.abs(c) - r);

before(async () => {
  // PROD mode silences tfjs's "Hi, looks like you are running TensorFlow.js in Node.js" notice.
  tf.enableProdMode();
  await tf.setBackend('cpu');
  await tf.ready();
});

function flat(rows: ArrayLike<number>[]): Float32Array {
  const n = rows[0].length;
  const out = new Float32Array(rows.length * n);
  rows.forEach((r, i) => {
    for (let j = 0; j < n; j++) out[i * n + j] = r[j];
  });
  return out;
}

function dot(w: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i] * x[i];
  return s;
}

function sumAbsProducts(w: ArrayLike<number>, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += Math.abs(w[i] * x[i]);
  return s;
}

interface TfNeuronResult {
  /** σ(z) per case. */
  p: Float32Array;
  /** ∂L/∂w per case, row-major. */
  grad: Float32Array;
}

/**
 * One neuron per case (a batch of independent cases, one row of weights
 * each): z = Σ w·x / 256, loss = sigmoid cross-entropy summed over cases, so
 * each row's gradient is its own case's. `explicit` uses the formula
 * y·softplus(−z) + (1−y)·softplus(z) = −y·ln σ(z) − (1−y)·ln(1−σ(z)) instead
 * of tf.losses.sigmoidCrossEntropy, as a second opinion.
 */
function tfNeuron(rows: ArrayLike<number>[], xs: ArrayLike<number>[], ys: number[], explicit = false): TfNeuronResult {
  const c = rows.length;
  const n = rows[0].length;
  const w = tf.variable(tf.tensor2d(flat(rows), [c, n]));
  let result: TfNeuronResult | null = null;
  tf.tidy(() => {
    const x = tf.tensor2d(flat(xs), [c, n]);
    const y = tf.tensor1d(ys);
    const logits = () => tf.div(tf.sum(tf.mul(w, x), 1), 256);
    const loss = (): tf.Scalar =>
      explicit
        ? tf.sum(tf.add(tf.mul(y, tf.softplus(tf.neg(logits()))), tf.mul(tf.sub(1, y), tf.softplus(logits()))))
        : tf.losses.sigmoidCrossEntropy(y, logits(), undefined, undefined, tf.Reduction.SUM);
    const { grads } = tf.variableGrads(loss, [w]);
    result = { p: tf.sigmoid(logits()).dataSync() as Float32Array, grad: grads[w.name].dataSync() as Float32Array };
  });
  w.dispose();
  return result!;
}

/**
 * |our p16 − σ_tf| against the truncation bound, for a neuron whose logit is
 * off by up to `radius` units of 1/256; `magnitude` (Σ|w·x| in 1/256 units)
 * sizes the float32 rounding of tf's dot products.
 */
function checkForward(p16: number, pTf: number, zTf: number, radius: number, magnitude: number, what: string): void {
  const clamped = p16 === 1 || p16 === P_ONE - 1;
  const bound = maxSlope(zTf, radius / 256) * (radius / 256) + (clamped ? 1 : 0.5) / 65536;
  const slack = 0.25 * 16 * U32 * (magnitude / 256) + 4 * U32;
  const err = Math.abs(p16 / 65536 - pTf);
  assert.ok(err <= bound + slack, `${what}: p16=${p16} (${p16 / 65536}), tf σ=${pTf}, |Δ|=${err} > ${bound + slack}`);
}

/**
 * Our updated row vs w − lr·∇ from tf: the difference must be exactly
 * lr·(σ_tf − p)·x/256 up to float32 rounding of tf's gradient. With a skip
 * threshold (network.ts: no step when |y − p| < skip), a skipped row must be
 * unchanged.
 */
function checkUpdate(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  x: ArrayLike<number>,
  y: number,
  tfr: TfNeuronResult,
  k: number,
  lr: number,
  p16: number,
  skip16: number,
  what: string,
): void {
  const n = before.length;
  if (Math.abs(y * 65536 - p16) < skip16) {
    for (let i = 0; i < n; i++) assert.equal(after[i], before[i], `${what}: a skipped step changed weight ${i}`);
    return;
  }
  for (let i = 0; i < n; i++) {
    const tfStep = before[i] - lr * tfr.grad[k * n + i];
    const expected = ((lr * x[i]) / 256) * (tfr.p[k] - p16 / 65536);
    const tol = ((lr * Math.abs(x[i])) / 256) * 8 * U32 + 1e-15 * Math.abs(before[i]);
    const diff = after[i] - tfStep;
    assert.ok(
      Math.abs(diff - expected) <= tol,
      `${what}, weight ${i}: ours ${after[i]}, tf ${tfStep}, difference ${diff}, expected ${expected} ± ${tol}`,
    );
  }
}

/** A realistic input vector: stretched probabilities (sometimes 0 or saturated), the bias last. */
function inputs(r: Rng, n: number, limit = LOGIT_LIMIT): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) {
    const k = r.int(10);
    x[i] = k === 0 ? 0 : k === 1 ? (r.int(2) ? limit : -limit) : Math.max(-limit, Math.min(limit, STRETCH[1 + r.int(65535)]));
  }
  x[n - 1] = 256;
  return x;
}

function shape(inputs: number, sets: number[], outputSets: number, skip = 0): NetworkShape {
  return { inputs, sets, outputSets, initialWeight: 0.3, learningRate: 0.02, outputLearningRate: 0.005, skip };
}

describe('logistic tables vs tf.sigmoid and ln(p/(1−p))', () => {
  it('SQUASH[d] = σ(d/256) rounded to 1/65536, clamped to [1, 65535]', () => {
    const ds = Float32Array.from({ length: 2 * LOGIT_LIMIT + 1 }, (_, i) => (i - LOGIT_LIMIT) / 256);
    const s = tf.tidy(() => tf.sigmoid(tf.tensor1d(ds)).dataSync());
    for (let i = 0; i < ds.length; i++) {
      const v = SQUASH[i];
      assert.ok(v >= 1 && v <= 65535);
      const clamped = v === 1 || v === 65535;
      const err = Math.abs(v / 65536 - s[i]);
      assert.ok(err <= (clamped ? 1 : 0.5) / 65536 + 4 * U32, `d=${i - LOGIT_LIMIT}: ${v} vs ${s[i] * 65536}`);
      if (i > 0) assert.ok(SQUASH[i] >= SQUASH[i - 1], 'monotone');
    }
    assert.equal(SQUASH[LOGIT_LIMIT], 32768);
  });

  it('STRETCH inverts SQUASH, and matches the logit within 1/256 nat where the table resolves it', () => {
    const ps = Float32Array.from({ length: 65535 }, (_, i) => (i + 1) / 65536);
    const logit = tf.tidy(() => {
      const p = tf.tensor1d(ps);
      return tf.log(tf.div(p, tf.sub(1, p))).dataSync();
    });
    let worst = 0;
    for (let p = 1; p < 65536; p++) {
      assert.ok(STRETCH[p] >= STRETCH[p - 1], 'monotone');
      // Defining property: no table entry is nearer to p than SQUASH[STRETCH[p]].
      const d = STRETCH[p] + LOGIT_LIMIT;
      const near = Math.abs(SQUASH[d] - p);
      if (d > 0) assert.ok(near <= Math.abs(SQUASH[d - 1] - p));
      if (d < 2 * LOGIT_LIMIT) assert.ok(near <= Math.abs(SQUASH[d + 1] - p));
      // Where σ' >= 1/256 a logit step of 1/256 moves p by >= 1/65536, so the
      // inverse is exact to half a step plus half a step of rounding: 1 unit.
      // (Nearer 0 and 1 many logits share a p16 and the inverse is coarser.)
      const q = p / 65536;
      if (q * (1 - q) >= 1 / 256) {
        const err = Math.abs(STRETCH[p] - 256 * logit[p - 1]);
        worst = Math.max(worst, err);
        assert.ok(err <= 1 + 256 * 64 * U32, `p16=${p}: ${STRETCH[p]} vs ${256 * logit[p - 1]}`);
      }
    }
    assert.ok(worst > 0.5, 'the check above is not vacuous');
  });

  it('deterministicExp agrees with Math.exp to 1e-12 relative on [−32, 32]', () => {
    let worst = 0;
    for (let x = -32; x <= 32; x += 1 / 64) worst = Math.max(worst, Math.abs(deterministicExp(x) / Math.exp(x) - 1));
    const r = new Rng(8);
    for (let i = 0; i < 5000; i++) {
      const x = (r.float() - 0.5) * 64;
      worst = Math.max(worst, Math.abs(deterministicExp(x) / Math.exp(x) - 1));
    }
    // About 6e-13 measured: ten squarings multiply the Taylor sum's rounding by 1024.
    assert.ok(worst < 1e-12, `relative error ${worst}`);
    assert.equal(deterministicExp(0), 1);
  });
});

describe('one neuron (a first-layer neuron of Network) vs tfjs', () => {
  const N = 8;
  const SETS = 4;
  const LR = 0.02;

  interface Case {
    x: Float64Array;
    y: number;
    before: Float64Array;
    after: Float64Array;
    p16: number;
    logit: number;
  }

  function randomCases(seed: number, count: number, skip: number): Case[] {
    const r = new Rng(seed);
    const cases: Case[] = [];
    for (let c = 0; c < count; c++) {
      const scale = [0.02, 0.1, 0.3, 1][r.int(4)];
      const net = new Network(shape(N, [SETS], 1, skip));
      const w = net.w[0];
      for (let i = 0; i < w.length; i++) w[i] = (r.float() * 2 - 0.6) * scale;
      const x = inputs(r, N);
      net.x.set(x);
      const set = r.int(SETS);
      const y = r.int(2);
      const before = Float64Array.from(w.subarray(set * N, set * N + N));
      const others = Float64Array.from(w);
      net.forward(Int32Array.of(set), 0);
      const logit = net.h[0];
      net.train(y);
      const after = Float64Array.from(w.subarray(set * N, set * N + N));
      // Only the selected weight set learns.
      for (let i = 0; i < w.length; i++) if (i < set * N || i >= set * N + N) assert.equal(w[i], others[i]);
      cases.push({ x, y, before, after, p16: SQUASH[logit + LOGIT_LIMIT], logit });
    }
    return cases;
  }

  for (const explicit of [false, true]) {
    it(`forward p and one SGD step, 400 random states (${explicit ? 'explicit BCE formula' : 'tf.losses.sigmoidCrossEntropy'})`, () => {
      const cases = randomCases(explicit ? 2 : 1, 400, 0);
      const tfr = tfNeuron(
        cases.map((c) => c.before),
        cases.map((c) => c.x),
        cases.map((c) => c.y),
        explicit,
      );
      let saturated = 0;
      cases.forEach((c, k) => {
        if (Math.abs(c.logit) === LOGIT_LIMIT) saturated++;
        checkForward(c.p16, tfr.p[k], dot(c.before, c.x) / 256, 1, sumAbsProducts(c.before, c.x), `case ${k}`);
        checkUpdate(c.before, c.after, c.x, c.y, tfr, k, LR, c.p16, 0, `case ${k}`);
      });
      assert.ok(saturated > 10 && saturated < 300, `cases should cover both regimes (${saturated} saturated)`);
    });
  }

  it('the skip rule: no step when |y − p| < skip, an SGD step otherwise', () => {
    const skip = 1 / 128;
    const cases = randomCases(4, 400, skip);
    const tfr = tfNeuron(
      cases.map((c) => c.before),
      cases.map((c) => c.x),
      cases.map((c) => c.y),
    );
    let skipped = 0;
    cases.forEach((c, k) => {
      if (Math.abs(c.y * 65536 - c.p16) < skip * 65536) skipped++;
      checkUpdate(c.before, c.after, c.x, c.y, tfr, k, LR, c.p16, skip * 65536, `case ${k}`);
    });
    assert.ok(skipped > 10 && skipped < 390, `both branches covered (${skipped} skipped)`);
  });

  it('50 steps of the same sequence: our weights track tf.train.sgd', (t) => {
    // Inputs within ±4 nats keep each step contracting along x
    // (1 − lr·σ'·|x/256|² >= 1 − 0.02·0.25·113 > 0), so the per-step
    // differences (bounded as in checkForward) add up without amplification:
    // the final gap is at most the sum of their norms, plus float32 rounding.
    const r = new Rng(50);
    const sets = 2;
    const steps = 50;
    const net = new Network(shape(N, [sets], 1, 0));
    const ours = net.w[0];
    const w = tf.variable(tf.fill([sets, N], 0.3));
    const opt = tf.train.sgd(LR);
    let budget = 0;
    for (let step = 0; step < steps; step++) {
      const x = inputs(r, N, 1024);
      const y = r.float() < 0.7 ? 1 : 0;
      const set = r.int(sets);
      const z = dot(ours.subarray(set * N, set * N + N), x) / 256;
      net.x.set(x);
      net.forward(Int32Array.of(set), 0);
      budget += (LR / 256) * (maxSlope(z, 1 / 256) / 256 + 1 / 65536) * Math.hypot(...x);
      net.train(y);
      opt.minimize(
        () =>
          tf.tidy(() => {
            const logit = tf.div(tf.sum(tf.mul(tf.gather(w, [set]), tf.tensor2d([Array.from(x)]))), 256);
            return tf.losses.sigmoidCrossEntropy(tf.scalar(y), logit, undefined, undefined, tf.Reduction.SUM) as tf.Scalar;
          }),
        false,
        [w],
      );
    }
    const theirs = w.dataSync();
    w.dispose();
    opt.dispose();
    let maxAbs = 0;
    let maxRel = 0;
    for (let i = 0; i < theirs.length; i++) {
      const d = Math.abs(ours[i] - theirs[i]);
      maxAbs = Math.max(maxAbs, d);
      maxRel = Math.max(maxRel, d / Math.max(Math.abs(theirs[i]), 1e-3));
    }
    const slack = steps * 4 * U32 * 2; // float32 storage of tf's weights (|w| < 2), once per step
    t.diagnostic(`50 steps: max |Δw| ${maxAbs.toExponential(2)}, max relative ${maxRel.toExponential(2)}, bound ${budget.toExponential(2)}`);
    assert.ok(maxAbs <= budget + slack, `max |Δw| ${maxAbs} > bound ${budget + slack}`);
    assert.ok(ours.some((v) => Math.abs(v - 0.3) > 0.05), 'the weights did move');
  });
});

/** What one neuron saw and did on one bit. */
interface NeuronStep {
  before: Float64Array;
  after: Float64Array;
  p16: number;
  logit: number;
}
/** One bit through the whole network. */
interface NetStep {
  x: Float64Array;
  h: Float64Array;
  y: number;
  hidden: NeuronStep[];
  out: NeuronStep;
}

/** Snapshots the rows about to be used, runs forward(); finish() runs train(y) and snapshots the result. */
function beginStep(net: Network, sets: Int32Array, outputSet: number, forward: () => void): { finish: (y: number, train: () => void) => NetStep } {
  const n = net.inputs;
  const m = net.hidden + 1;
  const s = Int32Array.from(sets);
  const rows = () => [
    ...net.w.map((w, k) => Float64Array.from(w.subarray(s[k] * n, s[k] * n + n))),
    Float64Array.from(net.v.subarray(outputSet * m, outputSet * m + m)),
  ];
  const before = rows();
  forward();
  const x = Float64Array.from(net.x);
  const h = Float64Array.from(net.h);
  const pOut = net.p;
  return {
    finish(y: number, train: () => void): NetStep {
      train();
      const after = rows();
      const neuron = (k: number, logit: number, p16: number): NeuronStep => ({ before: before[k], after: after[k], logit, p16 });
      return {
        x,
        h,
        y,
        hidden: Array.from({ length: net.hidden }, (_, k) => neuron(k, h[k], SQUASH[h[k] + LOGIT_LIMIT])),
        out: neuron(net.hidden, NaN, pOut),
      };
    },
  };
}

/**
 * Checks a batch of network steps against tfjs: the forward pass of the whole
 * two-layer net from the raw inputs (first-layer logits clipped but not
 * truncated, as tf computes them), and each neuron's step on its own loss.
 */
function checkNetwork(steps: NetStep[], lr: number, lrOut: number, skip16: number, what: string): void {
  const n = steps[0].x.length;
  const hidden = steps[0].hidden.length;
  const ys = steps.map((s) => s.y);
  const first = steps[0].hidden.map((_, k) =>
    tfNeuron(
      steps.map((s) => s.hidden[k].before),
      steps.map((s) => s.x),
      ys,
    ),
  );
  // The output neuron's own loss, given the inputs it actually saw.
  const out = tfNeuron(
    steps.map((s) => s.out.before),
    steps.map((s) => s.h),
    ys,
  );
  // Whole-network forward in tf: u_k = clip(Σ w_k·x), z = (Σ v_k·u_k + v_K·256) / 256.
  const c = steps.length;
  const whole = tf.tidy(() => {
    const x = tf.tensor2d(flat(steps.map((s) => s.x)), [c, n]);
    const u = steps[0].hidden.map((_, k) => {
      const w = tf.tensor2d(flat(steps.map((s) => s.hidden[k].before)), [c, n]);
      return tf.clipByValue(tf.sum(tf.mul(w, x), 1), -LOGIT_LIMIT, LOGIT_LIMIT);
    });
    const h = tf.stack([...u, tf.fill([c], 256)], 1);
    const v = tf.tensor2d(flat(steps.map((s) => s.out.before)), [c, hidden + 1]);
    const z = tf.div(tf.sum(tf.mul(v, h), 1), 256);
    return { p: tf.sigmoid(z).dataSync(), z: z.dataSync() };
  });
  steps.forEach((s, k) => {
    const label = `${what} step ${k}`;
    assert.equal(s.h[hidden], 256, `${label}: the output neuron's bias input`);
    // Each first-layer logit is off by < 1 unit (truncation), weighted by the
    // output's weight; plus the output's own truncation.
    const v = s.out.before;
    let radius = 1;
    let mag = sumAbsProducts(v, s.h);
    s.hidden.forEach((l, j) => {
      radius += Math.abs(v[j]);
      mag += Math.abs(v[j]) * sumAbsProducts(l.before, s.x);
    });
    checkForward(s.out.p16, whole.p[k], whole.z[k], radius, mag, `${label} (whole network)`);
    s.hidden.forEach((l, j) => {
      checkForward(l.p16, first[j].p[k], dot(l.before, s.x) / 256, 1, sumAbsProducts(l.before, s.x), `${label} neuron ${j}`);
      checkUpdate(l.before, l.after, s.x, s.y, first[j], k, lr, l.p16, skip16, `${label} neuron ${j}`);
    });
    checkUpdate(v, s.out.after, s.h, s.y, out, k, lrOut, s.out.p16, skip16, `${label} output neuron`);
  });
}

/** Watches a network's forward/train calls; check() compares the steps so far with tfjs. */
function watcher() {
  // untrained: the network may skip train() after a forward() (model 3's expected-byte model after a sure hit, expect.ts):
  // such a step changes no weight, and is not checked.
  const watch = (net: Network, label: string, untrained = false) => {
    const lrNow = (): number => (net as unknown as { lr: number }).lr * 256 * 65536;
    // Level 9 lowers the first layer's rate as it goes (presets.ts learningSchedule): steps are checked in batches of one rate.
    let lr = lrNow();
    const lrOut = (net as unknown as { lrOut: number }).lrOut * 256 * 65536;
    const skip16 = (net as unknown as { skip16: number }).skip16;
    assert.ok(lr > 0 && lrOut > 0 && skip16 >= 0, "Network's lr / lrOut / skip16 fields changed: update this test");
    let steps: NetStep[] = [];
    let open: ReturnType<typeof beginStep> | null = null;
    const forward = net.forward.bind(net);
    const train = net.train.bind(net);
    // predict() calls forward() and update() calls train(): wrap both.
    net.forward = (sets: Int32Array, outputSet: number): number => {
      if (!untrained) assert.equal(open, null, `${label}: forward() twice without train()`);
      let z = 0;
      open = beginStep(net, sets, outputSet, () => (z = forward(sets, outputSet)));
      return z;
    };
    net.train = (bit: number): void => {
      assert.ok(open, `${label}: train() without forward()`);
      if (lrNow() !== lr) {
        check(true);
        lr = lrNow();
      }
      steps.push(open.finish(bit, () => train(bit)));
      open = null;
    };
    const counts = { total: 0, skipped: 0, calls: 0 };
    const check = (force: boolean) => {
      if (steps.length === 0 || (!force && steps.length < 4000)) return;
      for (const s of steps) {
        counts.calls++;
        for (const l of [...s.hidden, s.out]) {
          counts.total++;
          if (l.after.every((w, i) => w === l.before[i])) counts.skipped++;
        }
      }
      checkNetwork(steps, lr, lrOut, skip16, label);
      steps = [];
    };
    return { check, counts };
  };
  return { watch };
}

describe('the two-layer network vs tfjs', () => {
  it('random weights, inputs and weight sets', () => {
    const r = new Rng(77);
    const n = 10;
    const sh = shape(n, [3, 5, 2], 4, 0);
    const steps: NetStep[] = [];
    for (let c = 0; c < 300; c++) {
      const scale = [0.05, 0.3, 1][r.int(3)];
      const net = new Network(sh);
      for (const w of [...net.w, net.v]) for (let i = 0; i < w.length; i++) w[i] = (r.float() * 2 - 0.6) * scale;
      net.x.set(inputs(r, n));
      const sets = Int32Array.from(sh.sets, (k) => r.int(k));
      const outputSet = r.int(sh.outputSets);
      const y = r.int(2);
      steps.push(beginStep(net, sets, outputSet, () => net.forward(sets, outputSet)).finish(y, () => net.train(y)));
    }
    checkNetwork(steps, sh.learningRate, sh.outputLearningRate, 0, 'random');
  });

  it('the real Predictor on log text (model 2, level 6): the bit network and the expected-byte network', (t) => {
    // Finds the Predictor's networks and watches their forward/train calls,
    // so the check follows whatever weight sets and learning rates they use.
    const pred = new Predictor(presetFor(6, 12, MODEL2_ID));
    const bitNet = Object.values(pred).find((v) => v instanceof Network) as Network | undefined;
    const guessOffer = Object.values(pred).find((v) => v instanceof GuessOffer) as GuessOffer | undefined;
    const expect = guessOffer?.expect;
    assert.ok(bitNet && expect, 'Predictor holds no Network / ExpectModel: test/oracle must follow the model');
    const expectNet = Object.values(expect).find((v) => v instanceof Network) as Network | undefined;
    assert.ok(expectNet, 'ExpectModel holds no Network: test/oracle must follow the model');

    const { watch } = watcher();
    const bits = watch(bitNet, 'bit network');
    const guesses = watch(expectNet, 'expected-byte network');

    const text = logText(2500, 99);
    let guessed = 0;
    let bitCoded = 0;
    for (const byte of text) {
      const guess = pred.expected();
      codeByte(pred, KNOWN_BITS, byte);
      if (guess >= 0) {
        guessed++;
        if (byte === guess) continue;
      }
      bitCoded++;
      bits.check(false);
      guesses.check(false);
    }
    bits.check(true);
    guesses.check(true);
    assert.ok(guessed > text.length / 2 && bitCoded > 100, `${guessed} guessed, ${bitCoded} bit-coded: the test no longer exercises both paths`);
    // Every bit-coded byte trains the bit network up to 8 times (a bit known
    // from an excluded guess is not learned); every guess, strong or weak, trains the other.
    assert.ok(bits.counts.calls <= bitCoded * 8 && bits.counts.calls >= bitCoded * 7);
    assert.ok(guesses.counts.calls >= guessed);
    t.diagnostic(
      `${text.length} bytes: ${guessed} guessed (${guesses.counts.calls} expected-byte steps checked), ${bitCoded} bit by bit ` +
        `(${bits.counts.calls} bit steps checked); neuron steps skipped ${((100 * bits.counts.skipped) / bits.counts.total).toFixed(1)}% / ` +
        `${((100 * guesses.counts.skipped) / guesses.counts.total).toFixed(1)}%`,
    );
  });

  it("level 9's second output neuron (second-output.ts): forward p and its SGD step, random weights, inputs and sets", () => {
    const r = new Rng(78);
    const hidden = 9;
    const lr = 0.002;
    const skip = 1 / 128;
    const rows: Float64Array[] = [];
    const after: Float64Array[] = [];
    const hs: Float64Array[] = [];
    const ys: number[] = [];
    const p16s: number[] = [];
    for (let c = 0; c < 300; c++) {
      const sets = 1 + r.int(8);
      const out = new SecondOutput(hidden, sets, lr, skip);
      const v = (out as unknown as { v: Float64Array }).v;
      const scale = [0.05, 0.3, 1][r.int(3)];
      for (let i = 0; i < v.length; i++) v[i] = (r.float() * 2 - 0.6) * scale;
      // The network's hidden logits are clamped, truncated integers; the bias last.
      const h = inputs(r, hidden + 1).map((u) => Math.trunc(u));
      h[hidden] = 256;
      const set = r.int(sets);
      const y = r.int(2);
      const m = hidden + 1;
      rows.push(Float64Array.from(v.subarray(set * m, set * m + m)));
      out.forward(h, set);
      p16s.push((out as unknown as { p: number }).p);
      out.train(h, y);
      after.push(Float64Array.from(v.subarray(set * m, set * m + m)));
      hs.push(h);
      ys.push(y);
    }
    const tfr = tfNeuron(rows, hs, ys);
    const skip16 = Math.floor(skip * 65536);
    for (let k = 0; k < rows.length; k++) {
      checkForward(p16s[k], tfr.p[k], dot(rows[k], hs[k]) / 256, 1, sumAbsProducts(rows[k], hs[k]), `second output ${k}`);
      checkUpdate(rows[k], after[k], hs[k], ys[k], tfr, k, lr, p16s[k], skip16, `second output ${k}`);
    }
  });

  for (const level of [6, 9]) {
    it(`the real Predictor on log text (model 3, level ${level}): the bit, expected-byte and run networks`, (t) => {
      const pred = new Predictor(presetFor(level, 12));
      const bitNet = Object.values(pred).find((v) => v instanceof Network) as Network | undefined;
      const guessOffer = Object.values(pred).find((v) => v instanceof GuessOffer) as GuessOffer | undefined;
    const expect = guessOffer?.expect;
      const offer = Object.values(pred).find((v) => v instanceof RunOffer) as RunOffer | undefined;
      const run = offer && (Object.values(offer).find((v) => v instanceof RunModel) as RunModel | undefined);
      assert.ok(bitNet && expect && run, 'Predictor holds no Network / ExpectModel / RunModel: test/oracle must follow the model');
      const expectNet = Object.values(expect).find((v) => v instanceof Network) as Network | undefined;
      const runNet = Object.values(run).find((v) => v instanceof Network) as Network | undefined;
      assert.ok(expectNet && runNet, 'ExpectModel / RunModel hold no Network: test/oracle must follow the model');
      const { watch } = watcher();
      const nets = [watch(bitNet, 'bit network'), watch(expectNet, 'expected-byte network', true), watch(runNet, 'run network')];
      // Level 9 codes runs only from P >= 0.99: it needs more lines before they come.
      const text = runsLogText(level === 9 ? 70 : 40, 7);
      let runBytes = 0;
      for (let i = 0; i < text.length; ) {
        const n = codeNext(pred, KNOWN_BITS, text, i, text.length, false);
        if (n > 1) runBytes += n;
        i += n;
        for (const w of nets) w.check(false);
      }
      for (const w of nets) w.check(true);
      const [bits, guesses, runs] = nets.map((w) => w.counts);
      assert.ok(runs.calls > 100 && runBytes > text.length / 10, `${runs.calls} run steps, ${runBytes} bytes in runs: the test no longer exercises runs`);
      assert.ok(bits.calls > 1000 && guesses.calls > 1000);
      t.diagnostic(`${text.length} bytes: ${runBytes} in coded runs; steps checked: bit ${bits.calls}, expected-byte ${guesses.calls}, run ${runs.calls}`);
    });
  }
});
