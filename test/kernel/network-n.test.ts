// The bit network of N neurons: the kernel's NetworkN against network.ts
// with level 9's shape (eight neurons, one per selector, 256 output sets by
// the partial byte, its output rate and learning schedule), over counter
// logits of a log and random stream: every output and, at the end, every weight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { Network } from '../../src/model/network';
import { LEARNING, BIAS } from '../../src/model/settings';
import { counterLogit } from '../../src/model/counter';
import { presetFor } from '../../src/model/presets';
import { counterSteps, sampleBytes } from './counter-stream';

type Fn = (...args: number[]) => number;

test('kernel: the bit network of eight neurons (level 9) predicts and learns as network.ts', () => {
  const k = newKernel();
  const preset = presetFor(9);
  const inputs = 30;
  const biasAt = 21;
  const active9 = 22; // the log contexts (after the bias) out of use, as in text mode
  // Level 9's neurons' set counts, by selector (predictor.ts SELECTOR_SETS).
  const selectorSets = [256, 512, 256, 256, 256, 2048, 4096, 4096];
  const sets = preset.neurons.map((s) => selectorSets[s]);
  assert.equal(sets.length, 8);
  const outputRate = preset.outputLearningRate!;
  const schedule = preset.learningSchedule!;
  new Int32Array(k.memory.buffer, (k.hookNetNSets as Fn)(sets.length), sets.length).set(sets);
  (k.hookNetNNew as Fn)(inputs, 256, outputRate);
  const js = new Network({ inputs, sets, outputSets: 256, ...LEARNING, outputLearningRate: outputRate });
  const setsPtr = (k.hookNetNSets as Fn)(sets.length);
  const setX = k.hookNetNSetX as Fn;
  const forward = k.hookNetNForward as Fn;
  const pOf = k.hookNetNP as Fn;
  const hOf = k.hookNetNH as Fn;
  const train = k.hookNetNTrain as Fn;
  const setActive = k.hookNetNSetActive as Fn;
  js.x[biasAt] = BIAS;
  setX(biasAt, BIAS);
  let seed = 13;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const chosen = new Int32Array(sets.length);
  let step = 0;
  let trained = 0;
  // 12,000 bytes: 96,000 steps.
  counterSteps(sampleBytes(12000, 11), inputs - 1, (s) => {
    if (step % 5000 === 0) {
      const active = (step / 5000) % 3 === 1 ? active9 : inputs;
      js.active = active;
      setActive(active);
      if (active < inputs) {
        js.x.fill(0, active);
        for (let i = active; i < inputs; i++) setX(i, 0);
      }
    }
    for (let i = 0, c = 0; i < js.active; i++) {
      if (i === biasAt) continue;
      const v = counterLogit(s.counters[c++]) * (i % 3 === 0 ? 4 : 1);
      js.x[i] = v;
      setX(i, v);
    }
    for (let j = 0; j < sets.length; j++) chosen[j] = rand() % 4 === 0 ? rand() % sets[j] : (s.c0 * (j + 1) + s.pos) % sets[j];
    new Int32Array(k.memory.buffer, setsPtr, sets.length).set(chosen);
    const a = js.forward(chosen, s.c0);
    const b = forward(s.c0);
    if (a !== b) assert.fail(`step ${step}: logit ${a} vs ${b}`);
    if (js.p !== pOf()) assert.fail(`step ${step}: p ${js.p} vs ${pOf()}`);
    for (let j = 0; j <= sets.length; j++) if (js.h[j] !== hOf(j)) assert.fail(`step ${step}: h[${j}]`);
    // The learning schedule, as predictor.ts scheduleLearning (here every 4096 steps).
    if ((++trained & 4095) === 0) {
      const rate = schedule.end + ((schedule.start - schedule.end) * schedule.k) / (schedule.k + trained);
      js.setLearningRate(rate);
      (k.hookNetNSetLearningRate as Fn)(rate);
    }
    js.train(s.bit);
    train(s.bit);
    step++;
  });
  assert.equal(step, 96000);
  const weight = k.hookNetNWeight as Fn;
  const all = js.w.flatMap((w) => [...w]);
  let moved = 0;
  for (let i = 0; i < all.length; i++) {
    if (!Object.is(all[i], weight(i))) assert.fail(`weight ${i}: ${all[i]} vs ${weight(i)}`);
    if (all[i] !== LEARNING.initialWeight) moved++;
  }
  const outputWeight = k.hookNetNOutputWeight as Fn;
  for (let i = 0; i < js.v.length; i++) if (!Object.is(js.v[i], outputWeight(i))) assert.fail(`output weight ${i}: ${js.v[i]} vs ${outputWeight(i)}`);
  assert.ok(moved > 10000, `${moved}`);
});
