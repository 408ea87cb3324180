// The written-out networks: the kernel's ExpectNetwork2 and RunNetwork against
// expect-network.ts's, over the same inputs, weight sets and bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { ExpectNetwork2, RunNetwork } from '../../src/model/expect-network';
import { BIAS, LEARNING } from '../../src/model/settings';
import { Rng } from '../../bench/gen';

type Fn = (...args: number[]) => number;

/** A counter-like logit (counterLogit's range), mostly leaning the way the bit goes. */
function logit(rng: Rng, bit: number): number {
  const lean = rng.int(4) === 0 ? -1 : 1;
  return (bit ? lean : -lean) * rng.int(2048) + (rng.int(64) - 32);
}

test('kernel: ExpectNetwork2 predicts and learns as expect-network.ts', () => {
  const k = newKernel();
  const setX = k.hookEnetSetX as Fn;
  const forward = k.hookEnetForward as Fn;
  const p = k.hookEnetP as Fn;
  const train = k.hookEnetTrain as Fn;
  (k.hookEnetNew as Fn)(256, 512, 0.03);
  const js = new ExpectNetwork2({ inputs: 8, sets: [256, 512], outputSets: 1, ...LEARNING, learningRate: 0.03 });
  js.x[7] = BIAS;
  setX(7, BIAS);
  const sets = new Int32Array(2);
  const rng = new Rng(11);
  for (let i = 0; i < 200000; i++) {
    // Mostly hits, as the expected-byte model sees them; runs of the same sets.
    const bit = rng.int(8) === 0 ? 0 : 1;
    for (let j = 0; j < 7; j++) {
      const v = logit(rng, bit);
      js.x[j] = v;
      setX(j, v);
    }
    if (rng.int(4) === 0) {
      sets[0] = rng.int(256);
      sets[1] = rng.int(512);
    }
    const z = js.forward(sets, 0);
    const y = forward(sets[0], sets[1]);
    if (z !== y || js.p !== p()) assert.fail(`step ${i}: logit ${y} vs ${z}, p ${p()} vs ${js.p}`);
    js.train(bit);
    train(bit);
  }
  for (let s = 0; s < 256 * 8; s++) assert.equal((k.hookEnetWeight as Fn)(0, s), js.w[0][s]);
  for (let s = 0; s < 512 * 8; s++) assert.equal((k.hookEnetWeight as Fn)(1, s), js.w[1][s]);
});

test('kernel: RunNetwork predicts and learns as expect-network.ts', () => {
  const k = newKernel();
  const setX = k.hookRnetSetX as Fn;
  const forward = k.hookRnetForward as Fn;
  const p = k.hookRnetP as Fn;
  const train = k.hookRnetTrain as Fn;
  (k.hookRnetNew as Fn)(384);
  const js = new RunNetwork({ inputs: 5, sets: [384], outputSets: 1, ...LEARNING });
  js.x[4] = BIAS;
  setX(4, BIAS);
  const sets = new Int32Array(1);
  const rng = new Rng(12);
  for (let i = 0; i < 200000; i++) {
    const bit = rng.int(3) === 0 ? 0 : 1;
    for (let j = 0; j < 4; j++) {
      const v = logit(rng, bit);
      js.x[j] = v;
      setX(j, v);
    }
    if (rng.int(4) === 0) sets[0] = rng.int(384);
    const z = js.forward(sets, 0);
    const y = forward(sets[0]);
    if (z !== y || js.p !== p()) assert.fail(`step ${i}: logit ${y} vs ${z}, p ${p()} vs ${js.p}`);
    js.train(bit);
    train(bit);
  }
  for (let s = 0; s < 384 * 5; s++) assert.equal((k.hookRnetWeight as Fn)(s), js.w[0][s]);
});
