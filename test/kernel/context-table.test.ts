// The context table: the kernel's against context-table.ts as level 6 of
// model 3 makes it (presetFor(6): ten hashed-line contexts, 2^18 lines,
// count limit 127), driven as Predictor drives it: hashes, selectFirst,
// per bit slot = line + ci and the counter read, update, selectSecond at bit 4;
// the text contexts (6-9) go out of use and back, as the predictor's mode switch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { ContextTable } from '../../src/model/context-table';
import { hash3 } from '../../src/model/hash';
import { presetFor } from '../../src/model/presets';
import { sampleBytes } from './counter-stream';

type Fn = (...args: number[]) => number;

test('kernel: the context table selects, reads and learns as context-table.ts', () => {
  const k = newKernel();
  const preset = presetFor(6);
  assert.equal(preset.tableBits, 18);
  assert.equal(preset.counterLimit, 127);
  assert.equal(preset.nibbleLines, true);
  const kinds = preset.contexts;
  const total = kinds.length;
  assert.equal(total, 10);
  const js = new ContextTable(kinds, preset.tableBits, preset.counterLimit, preset.nibbleLines);
  (k.hookContextTableNew as Fn)(total, preset.tableBits, preset.counterLimit);
  const setN = k.hookContextTableSetN as Fn;
  const setHash = k.hookContextTableSetHash as Fn;
  const hashOf = k.hookContextTableHash as Fn;
  const selectFirst = k.hookContextTableSelectFirst as Fn;
  const selectSecond = k.hookContextTableSelectSecond as Fn;
  const lineOf = k.hookContextTableLine as Fn;
  const read = k.hookContextTableRead as Fn;
  const slotOf = k.hookContextTableSlot as Fn;
  const update = k.hookContextTableUpdate as Fn;
  assert.equal((k.hookContextTableLength as Fn)(), js.t.length);

  const data = sampleBytes(120000, 21);
  // Context i hashes the last ORDERS[i] bytes (0: the position in the line).
  const ORDERS = [1, 2, 3, 4, 6, 0, 5, 8, 2, 3];
  let seed = 5;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  let column = 0;
  let n = total;
  const sameLines = (where: string) => {
    for (let i = 0; i < js.n; i++) {
      if (js.line[i] !== lineOf(i)) assert.fail(`${where} context ${i}: line ${js.line[i]} vs ${lineOf(i)}`);
      if (js.hashes[i] !== hashOf(i)) assert.fail(`${where} context ${i}: hash ${js.hashes[i]} vs ${hashOf(i)}`);
    }
  };
  let reads = 0;
  for (let pos = 0; pos < data.length; pos++) {
    // The mode switch: runs of log and text bytes (n = 6 or 10), changing every 2,000 bytes or so.
    if (pos % 2000 === 0) {
      const next = (rand() & 1) === 0 ? 6 : total;
      if (next !== n) {
        n = next;
        js.n = n;
        setN(n);
      }
    }
    for (let i = 0; i < n; i++) {
      let h = ORDERS[i] === 0 ? hash3(column, 77, i) : i;
      for (let j = 1; j <= ORDERS[i] && j <= pos; j++) h = hash3(h, data[pos - j], j);
      js.hashes[i] = h;
      setHash(i, h);
    }
    js.selectFirst();
    selectFirst();
    sameLines(`byte ${pos} first nibble`);
    const byte = data[pos];
    let ci = 1;
    for (let bitPos = 0; bitPos < 8; bitPos++) {
      const bit = (byte >> (7 - bitPos)) & 1;
      // Now and then a forced bit (Predictor.forced): no read, no update.
      const forced = bitPos === 7 && rand() % 32 === 0;
      if (!forced) {
        for (let i = 0; i < n; i++) {
          const s = js.line[i] + ci;
          js.slot[i] = s;
          const a = js.t[s];
          const b = read(i, ci) >>> 0;
          if (a !== b) assert.fail(`byte ${pos} bit ${bitPos} context ${i}: counter ${a} vs ${b}`);
          if (slotOf(i) !== s) assert.fail(`byte ${pos} bit ${bitPos} context ${i}: slot ${s} vs ${slotOf(i)}`);
          reads++;
        }
        js.update(bit);
        update(bit);
      }
      ci = (ci << 1) | bit;
      if (bitPos === 3) {
        js.selectSecond(byte >> 4);
        selectSecond(byte >> 4);
        sameLines(`byte ${pos} second nibble`);
        ci = 1;
      }
    }
    column = byte === 10 ? 0 : column + 1;
  }
  assert.ok(reads > 800000);
  let sum = 0;
  const t = js.t;
  for (let i = 0; i < t.length; i++) sum = (Math.imul(sum, 31) + t[i]) >>> 0;
  assert.equal((k.hookContextTableChecksum as Fn)() >>> 0, sum);
});
