// Counters and hashes: the kernel's against the JavaScript model's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { counterLogit, counterNext } from '../../src/model/counter';
import { hash3, mixIn } from '../../src/model/hash';

type Fn = (...args: number[]) => number;

test('kernel: counters learn and read as counter.ts', () => {
  const k = newKernel();
  const next = k.hookCounterNext as Fn;
  const logit = k.hookCounterLogit as Fn;
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (const limit of [30, 127, 255, 1023]) {
    let a = 0;
    for (let i = 0; i < 20000; i++) {
      const bit = rand() % 5 === 0 ? 1 : 0;
      const js = counterNext(a, bit, limit) >>> 0;
      const wasm = next(a | 0, bit, limit) >>> 0;
      if (js !== wasm) assert.fail(`limit ${limit} step ${i}: ${js} vs ${wasm}`);
      if (counterLogit(js) !== logit(js | 0)) assert.fail(`logit of ${js}`);
      a = js;
      if (i % 5000 === 4999) a = rand();
    }
  }
});

test('kernel: hashes as hash.ts', () => {
  const k = newKernel();
  let seed = 99;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
  for (let i = 0; i < 10000; i++) {
    const a = rand(), b = rand(), c = rand();
    assert.equal((k.hookHash3 as Fn)(a, b, c), hash3(a, b, c));
    assert.equal((k.hookMixIn as Fn)(a, b), mixIn(a, b));
  }
});
