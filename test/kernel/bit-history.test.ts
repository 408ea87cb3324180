// Bit histories (level 9's log mode): the kernel's against bit-history.ts
// (25 contexts, rate shift 8), over a table of lines the test keeps as the
// context table does (a check value in slot 0, claimed by other contexts
// now and then, counters learning), every input, slot and, at the end,
// every history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { BitHistories } from '../../src/model/bit-history';
import { counterNext } from '../../src/model/counter';
import { sampleBytes } from './counter-stream';

type Fn = (...args: number[]) => number;

test('kernel: bit histories read and learn as bit-history.ts', () => {
  const k = newKernel();
  const contexts = 25;
  const base = 18; // the first inputs; the others after the bias (shift)
  const shift = 3;
  const lines = 1 << 12;
  const length = lines * 16;
  (k.hookHistNew as Fn)(length, contexts, 8, contexts + shift);
  const js = new BitHistories(length, contexts, 8);
  const t = new Uint32Array(length);
  const line = new Int32Array(contexts);
  const slot = new Int32Array(contexts);
  const x = new Float64Array(contexts + shift);
  const setT = k.hookHistSetT as Fn;
  const setLine = k.hookHistSetLine as Fn;
  let seed = 5;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const data = sampleBytes(12000, 6);
  let n = contexts;
  let step = 0;
  const seen = new Set<number>();
  // Each context's line for this nibble: by its order's hash; a line now and then gets a new check value (claimed).
  const select = (pos: number, nibble: number) => {
    for (let i = 0; i < contexts; i++) {
      let hsh = Math.imul(i + 1, 0x9e3779b1) ^ nibble;
      for (let j = 1; j <= i % 7 && j <= pos; j++) hsh = Math.imul(hsh ^ data[pos - j], 0x85ebca6b) >>> 0;
      const l = ((hsh ^ (hsh >>> 15)) & (lines - 1)) * 16;
      line[i] = l;
      setLine(i, l);
      if (rand() % 32 === 0) {
        t[l] = rand();
        setT(l, t[l]);
      }
    }
    js.own(t, line, n);
    (k.hookHistOwn as Fn)(n);
  };
  for (let pos = 0; pos < data.length; pos++) {
    // Contexts go out of use and back, as the predictor's table.n.
    if (pos % 1000 === 0) n = (pos / 1000) % 3 === 1 ? 18 : contexts;
    const byte = data[pos];
    let c0 = 1;
    let ci = 1;
    select(pos, 0);
    for (let bitPos = 0; bitPos < 8; bitPos++) {
      const bit = (byte >> (7 - bitPos)) & 1;
      js.inputs(x, t, line, slot, ci, n, base, shift);
      (k.hookHistInputs as Fn)(ci, n, base, shift);
      for (let i = 0; i < n; i++) {
        const at = i < base ? i : i + shift;
        const b = (k.hookHistX as Fn)(at);
        if (x[at] !== b) assert.fail(`step ${step} context ${i}: ${x[at]} vs ${b}`);
        if (slot[i] !== (k.hookHistSlot as Fn)(i)) assert.fail(`step ${step} context ${i}: slot`);
        seen.add(x[at]);
      }
      js.learn(slot, n, bit);
      (k.hookHistLearn as Fn)(n, bit);
      for (let i = 0; i < n; i++) {
        const s = slot[i];
        t[s] = counterNext(t[s], bit, 127);
        setT(s, t[s]);
      }
      c0 = (c0 << 1) | bit;
      ci = (ci << 1) | bit;
      if (bitPos === 3) {
        select(pos, 16 + (c0 & 15));
        ci = 1;
      }
      step++;
    }
  }
  const h = (js as unknown as { h: Uint8Array }).h;
  let kept = 0;
  for (let i = 0; i < length; i++) {
    if (h[i] !== (k.hookHistH as Fn)(i)) assert.fail(`history ${i}: ${h[i]} vs ${(k.hookHistH as Fn)(i)}`);
    if ((i & 15) !== 0 && h[i] >= 128) kept++;
  }
  assert.ok(seen.size > 1000, `inputs ${seen.size}`);
  assert.ok(kept > 100, `full histories ${kept}`);
});
