// The bit network: the kernel's against network.ts (level 6's shape: two
// neurons, PartialByte and FieldNumber sets), over counter logits of a log
// and random stream, every output and, at the end, every weight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { Network } from '../../src/model/network';
import { LEARNING, BIAS } from '../../src/model/settings';
import { counterLogit } from '../../src/model/counter';
import { counterSteps, sampleBytes } from './counter-stream';

type Fn = (...args: number[]) => number;

test('kernel: the bit network predicts and learns as network.ts', () => {
  const k = newKernel();
  const inputs = 14;
  const biasAt = 9;
  const sets0 = 256;
  const sets1 = 32 * 8;
  (k.hookNetNew as Fn)(inputs, sets0, sets1, 8);
  const js = new Network({ inputs, sets: [sets0, sets1], outputSets: 8, ...LEARNING });
  const setX = k.hookNetSetX as Fn;
  const forward = k.hookNetForward as Fn;
  const pOf = k.hookNetP as Fn;
  const train = k.hookNetTrain as Fn;
  const setActive = k.hookNetSetActive as Fn;
  js.x[biasAt] = BIAS;
  setX(biasAt, BIAS);
  let seed = 31;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const sets = new Int32Array(2);
  let step = 0;
  let field = 0;
  // 25,000 bytes: 200,000 steps.
  counterSteps(sampleBytes(25000, 5), inputs - 1, (s) => {
    // Now and then the text inputs (10-13) go out of use and back, as the predictor's switchMode does.
    if (step % 5000 === 0) {
      const active = (step / 5000) % 3 === 1 ? 10 : inputs;
      js.active = active;
      setActive(active);
      if (active < inputs) {
        js.x.fill(0, active);
        for (let i = active; i < inputs; i++) setX(i, 0);
      }
    }
    if (step === 150000) {
      js.setLearningRate(0.01);
      (k.hookNetSetLearningRate as Fn)(0.01);
    }
    for (let i = 0, c = 0; i < js.active; i++) {
      if (i === biasAt) continue;
      const v = counterLogit(s.counters[c++]);
      js.x[i] = v;
      setX(i, v);
    }
    if (s.bitPos === 0 && rand() % 8 === 0) field = rand() % 32;
    sets[0] = rand() % 4 === 0 ? rand() % sets0 : s.c0;
    sets[1] = field * 8 + s.bitPos;
    const outputSet = s.bitPos;
    const a = js.forward(sets, outputSet);
    const b = forward(sets[0], sets[1], outputSet);
    if (a !== b) assert.fail(`step ${step}: logit ${a} vs ${b}`);
    if (js.p !== pOf()) assert.fail(`step ${step}: p ${js.p} vs ${pOf()}`);
    js.train(s.bit);
    train(s.bit);
    step++;
  });
  assert.equal(step, 200000);
  const weight = k.hookNetWeight as Fn;
  const all = [...js.w[0], ...js.w[1]];
  for (let i = 0; i < all.length; i++) if (!Object.is(all[i], weight(i))) assert.fail(`weight ${i}: ${all[i]} vs ${weight(i)}`);
  const outputWeight = k.hookNetOutputWeight as Fn;
  for (let i = 0; i < js.v.length; i++) if (!Object.is(js.v[i], outputWeight(i))) assert.fail(`output weight ${i}: ${js.v[i]} vs ${outputWeight(i)}`);
  // The weights did move (the comparison above is not of fresh weights).
  assert.ok(all.filter((w) => w !== LEARNING.initialWeight).length > 1000);
});
