// Level 9's second output neuron: the kernel's against second-output.ts
// (8 hidden logits + bias, the MatchLength sets, level 9's rate), over
// clamped logits from counters of a log and random stream, every logit and,
// at the end, every weight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { SecondOutput } from '../../src/model/second-output';
import { BIAS, LEARNING } from '../../src/model/settings';
import { counterLogit } from '../../src/model/counter';
import { counterSteps, sampleBytes } from './counter-stream';

type Fn = (...args: number[]) => number;

test('kernel: the second output neuron predicts and learns as second-output.ts', () => {
  const k = newKernel();
  const hidden = 8;
  const sets = 64 * 8;
  (k.hookSecondNew as Fn)(hidden, sets, 0.002, LEARNING.skip);
  const js = new SecondOutput(hidden, sets, 0.002, LEARNING.skip);
  const setH = k.hookSecondSetH as Fn;
  const forward = k.hookSecondForward as Fn;
  const train = k.hookSecondTrain as Fn;
  const h = new Float64Array(hidden + 1);
  h[hidden] = BIAS;
  setH(hidden, BIAS);
  let seed = 91;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  let step = 0;
  // 20,000 bytes: 160,000 steps.
  counterSteps(sampleBytes(20000, 3), hidden, (s) => {
    for (let i = 0; i < hidden; i++) {
      // The hidden logits are clamped integers (network.ts); now and then at the limits.
      const v = rand() % 64 === 0 ? (rand() % 2 ? 4095 : -4095) : counterLogit(s.counters[i]) * (1 + (i & 3));
      const z = Math.max(-4095, Math.min(4095, v)) | 0;
      h[i] = z;
      setH(i, z);
    }
    const set = rand() % 8 === 0 ? rand() % sets : (s.pos % 64) * 8 + s.bitPos;
    const a = js.forward(h, set);
    const b = forward(set);
    if (a !== b) assert.fail(`step ${step}: logit ${a} vs ${b}`);
    js.train(h, s.bit);
    train(s.bit);
    step++;
  });
  assert.equal(step, 160000);
  const v = (js as unknown as { v: Float64Array }).v;
  const weight = k.hookSecondWeight as Fn;
  let moved = 0;
  for (let i = 0; i < v.length; i++) {
    if (!Object.is(v[i], weight(i))) assert.fail(`weight ${i}: ${v[i]} vs ${weight(i)}`);
    if (v[i] !== 1 / hidden && v[i] !== 0) moved++;
  }
  assert.ok(moved > 1000);
});
