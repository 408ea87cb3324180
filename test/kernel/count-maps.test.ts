// Count maps: the kernel's against count-maps.ts (level 6: ten contexts,
// rate shift 8), over the counters of a log and random stream, every input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { CountMaps } from '../../src/model/count-maps';
import { counterSteps, sampleBytes } from './counter-stream';

type Fn = (...args: number[]) => number;

test('kernel: count maps read and learn as count-maps.ts', () => {
  const k = newKernel();
  const contexts = 10;
  (k.hookCountMapsNew as Fn)(contexts, 8);
  const js = new CountMaps(contexts, 8);
  const input = k.hookCountMapsInput as Fn;
  const learn = k.hookCountMapsLearn as Fn;
  let seed = 77;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  let step = 0;
  let n = contexts;
  const seen = new Set<number>();
  // 25,000 bytes: 200,000 steps.
  counterSteps(sampleBytes(25000, 9), contexts, (s) => {
    // The text contexts (6-9) go out of use and back, as the predictor's table.n.
    if (step % 5000 === 0) n = (step / 5000) % 3 === 1 ? 6 : contexts;
    // Now and then any word at all (every count bucket, counts above the limit).
    const random = rand() % 16 === 0;
    for (let i = 0; i < n; i++) {
      const v = random ? rand() : s.counters[i];
      const a = js.input(i, v);
      const b = input(i, v | 0);
      if (a !== b) assert.fail(`step ${step} context ${i} word ${v}: ${a} vs ${b}`);
      seen.add(a);
    }
    js.learn(s.bit, n);
    learn(s.bit, n);
    step++;
  });
  assert.equal(step, 200000);
  assert.ok(seen.size > 1000);
});
