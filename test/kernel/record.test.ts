// Fixed-length records: the kernel's record model against record.ts, over a
// log, fixed-width rows (with noise, and a change of width) and random
// bytes, every byte's length, state and three hashes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { RecordModel } from '../../src/model/record';
import { sampleBytes } from './counter-stream';

type Fn = (...args: number[]) => number;

function rows(width: number, count: number, seed: number): Uint8Array {
  const out = new Uint8Array(width * count);
  let s = seed;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < width; c++) out[r * width + c] = rand() % 16 === 0 ? rand() & 255 : (c * 7 + (c % 5 === 0 ? r & 3 : 0)) & 255;
  }
  return out;
}

/** Rows of the longest length followed (MAX_LENGTH, 16384): a marker byte at each row's start, other values in a short cycle. */
function longRows(count: number): Uint8Array {
  const width = 16384;
  const out = new Uint8Array(width * count);
  for (let r = 0; r < count; r++) {
    out[r * width] = 255;
    for (let c = 1; c < width; c++) out[r * width + c] = (c * 7 + r) % 200;
  }
  return out;
}

test('kernel: the record model follows records as record.ts', () => {
  const k = newKernel();
  (k.hookRecordNew as Fn)();
  const js = new RecordModel();
  const parts = [sampleBytes(20000, 4), rows(216, 150, 1), rows(37, 400, 2), sampleBytes(10000, 8), rows(5000, 6, 3), longRows(5)];
  let step = 0;
  let actives = 0;
  const lengths = new Set<number>();
  for (const part of parts) {
    for (const c of part) {
      js.push(c);
      (k.hookRecordPush as Fn)(c);
      const active = js.active ? 1 : 0;
      if (active !== (k.hookRecordActive as Fn)()) assert.fail(`byte ${step}: active ${active}`);
      if (js.length !== (k.hookRecordLength as Fn)()) assert.fail(`byte ${step}: length ${js.length} vs ${(k.hookRecordLength as Fn)()}`);
      if (js.aboveHash() !== (k.hookRecordAboveHash as Fn)()) assert.fail(`byte ${step}: aboveHash`);
      if (js.aboveLeftHash(c) !== (k.hookRecordAboveLeftHash as Fn)(c)) assert.fail(`byte ${step}: aboveLeftHash`);
      if (js.twoAboveHash() !== (k.hookRecordTwoAboveHash as Fn)()) assert.fail(`byte ${step}: twoAboveHash`);
      actives += active;
      lengths.add(js.length);
      step++;
    }
  }
  // Both states and several lengths were seen.
  assert.ok(actives > 10000 && actives < step - 10000, `active ${actives} of ${step}`);
  assert.ok(lengths.size >= 3 && lengths.has(16384), `lengths ${[...lengths]}`);
});
