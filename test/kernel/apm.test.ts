// The APM: the kernel's against apm.ts, over the same logits, contexts and bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { Apm } from '../../src/model/apm';

type Fn = (...args: number[]) => number;

test('kernel: an APM refines and learns as apm.ts', () => {
  const k = newKernel();
  (k.hookApmNew as Fn)(512, 7);
  const js = new Apm(512, 7);
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 100000; i++) {
    const logit = (rand() % 8191) - 4095;
    const ctx = rand() % 512;
    const p = js.refine(logit, ctx);
    const q = (k.hookApmRefine as Fn)(logit, ctx);
    if (p !== q) assert.fail(`step ${i}: ${p} vs ${q}`);
    const bit = rand() % 3 === 0 ? 1 : 0;
    js.update(bit);
    (k.hookApmUpdate as Fn)(bit);
  }
});
