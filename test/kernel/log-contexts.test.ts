// Level 9's log contexts: the kernel's against log-contexts.ts (level 9's
// contexts), over log lines, lines of more fields than are followed, and
// random bytes (binary): every byte's hashes, shape set and binary test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { LogContexts } from '../../src/model/log-contexts';
import { presetFor } from '../../src/model/presets';
import { sampleBytes } from './counter-stream';

type Fn = (...args: number[]) => number;

/** Lines of up to 100 fields, by spaces and tabs, some repeating their layout. */
function manyFields(lines: number, seed: number): Uint8Array {
  let s = seed;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8;
  const parts: string[] = [];
  for (let l = 0; l < lines; l++) {
    const n = 1 + (rand() % 100);
    for (let f = 0; f < n; f++) parts.push(f % 3 === 0 ? `k${f}=${rand() % 1000}` : `v${l % 4}`, rand() % 5 === 0 ? '\t' : ' ');
    parts.push('\n');
  }
  return Buffer.from(parts.join(''));
}

test('kernel: the log contexts hash as log-contexts.ts (level 9 of model 3)', () => {
  const k = newKernel();
  const contexts = presetFor(9).contexts;
  const n = contexts.length;
  new Int32Array(k.memory.buffer, (k.hookLogKinds as Fn)(n), n).set(contexts);
  const outPtr = (k.hookLogNew as Fn)();
  const js = new LogContexts(contexts);
  const out = new Int32Array(n);
  const data = Buffer.concat([sampleBytes(30000, 2), manyFields(300, 5), sampleBytes(20000, 9), manyFields(100, 6)]);
  const at = contexts.map((c, i) => (c >= 42 ? i : -1)).filter((i) => i >= 0);
  assert.equal(at.length, 7);
  const distinct = at.map(() => new Set<number>());
  let binaries = 0;
  let c1 = 0;
  for (let i = 0; i < data.length; i++) {
    js.hash(out, c1);
    (k.hookLogHash as Fn)(c1);
    const got = new Int32Array(k.memory.buffer, outPtr, n);
    at.forEach((j, m) => {
      if (got[j] !== out[j]) assert.fail(`byte ${i}, kind ${contexts[j]}: ${got[j]} vs ${out[j]}`);
      distinct[m].add(out[j]);
    });
    if (js.shapeSet() !== (k.hookLogShapeSet as Fn)()) assert.fail(`byte ${i}: shape set`);
    const binary = js.binary() ? 1 : 0;
    if (binary !== (k.hookLogBinary as Fn)()) assert.fail(`byte ${i}: binary`);
    binaries += binary;
    const c = data[i];
    js.push(c);
    (k.hookLogPush as Fn)(c);
    c1 = c;
  }
  assert.ok(binaries > 1000 && binaries < data.length - 1000, `binary ${binaries}`);
  for (const d of distinct) assert.ok(d.size > 1000, `${d.size}`);
});
