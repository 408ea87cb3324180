// The numeric tracker and input: the kernel's against numeric.ts, over log
// lines whose numbers change (counters, clocks, sizes, long ids), prose and
// random bytes, driven per byte and per bit as the predictor drives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { NumericInput, NumericTracker } from '../../src/model/numeric';
import { Rng, jsonLines, syslogLines } from '../../bench/gen';

type Fn = (...args: number[]) => number;

/** Lines of numbers that step (up, down, by a constant, with leading zeros, past 10^15, past 20 digits), many fields and runs. */
function counterLines(seed: number): () => string {
  const rng = new Rng(seed);
  let seq = 1;
  let ts = 1700000000000;
  let down = 100000 + rng.int(100000);
  let padded = 0;
  let big = 999999999999990n;
  let id = 12345678901234567890n;
  let step = 1 + rng.int(9);
  let last = -1;
  return () => {
    // Long-run lines come in bursts (a line's long runs are compared with the line before's).
    const r = last === 1 && rng.int(5) !== 0 ? 1 : rng.int(20);
    last = r;
    seq++;
    ts += rng.int(4) === 0 ? rng.int(2000) : 5;
    down -= step;
    if (down < 0) down = 100000;
    padded = (padded + 1) % 10000;
    big += BigInt(1 + rng.int(3));
    id += 1n;
    if (rng.int(50) === 0) step = 1 + rng.int(200);
    if (r === 0) {
      // Many fields, several runs in a field.
      const parts: string[] = [];
      const n = 50 + rng.int(30);
      for (let i = 0; i < n; i++) parts.push(i % 7 === 0 ? `${seq}.${i}.${rng.int(10)}.1.2.3.4.5.6.7.${seq % 100}` : String(seq * i));
      return parts.join(rng.int(3) === 0 ? '\t' : ' ') + '\n';
    }
    if (r === 1) {
      // Long runs: a first digit that moves either way, the rest random (compared as digits past EXACT).
      let long = String(1 + rng.int(9));
      const n = 15 + rng.int(8);
      while (long.length < n) long += rng.int(10);
      return `${seq} big=${big} id=${id} neg=${1000 - seq * 7} ${'9'.repeat(14 + rng.int(8))} ${long}\n`;
    }
    if (r === 2) return `${seq} ${ts} 0 ${rng.int(2) ? '' : 'x'}${down}\n`;
    const size = rng.int(4) === 0 ? rng.int(100000000) : 4096 * (1 + rng.int(4));
    return `${seq} ts=${ts} ${String(padded).padStart(4, '0')} size=${size} left=${down} t=${(ts / 1000).toFixed(3)} ${rng.int(10)}\n`;
  };
}

function stream(seed: number, bytes: number): Uint8Array {
  const rng = new Rng(seed);
  const gens = [syslogLines(seed), jsonLines(seed + 1), counterLines(seed + 2)];
  const words = ['the', 'of', 'and', 'numbers', 'were', 'seen', 'in', '1999', 'about', 'page', '42'];
  const out: number[] = [];
  let gen = 2;
  while (out.length < bytes) {
    const r = rng.int(100);
    if (r < 3) {
      const n = rng.int(400);
      for (let i = 0; i < n; i++) out.push(rng.int(256));
    } else if (r < 8) {
      const n = 20 + rng.int(200);
      let s = '';
      for (let i = 0; i < n; i++) s += rng.pick(words) + (rng.int(12) === 0 ? '.\n' : ' ');
      for (const ch of Buffer.from(s, 'latin1')) out.push(ch);
    } else {
      if (rng.int(30) === 0) gen = rng.int(3);
      const n = 1 + rng.int(30);
      for (let i = 0; i < n; i++) for (const ch of Buffer.from(gens[gen](), 'latin1')) out.push(ch);
    }
  }
  return Uint8Array.from(out);
}

test('kernel: the numeric tracker and input give and learn as numeric.ts', () => {
  const k = newKernel();
  const hook = (name: string) => k[name] as Fn;
  hook('hookNumericNew')();
  const [push, diffHash, deltaHash, diffState, expectedDigit, deltaGroup, select, selectSecond, input, learn] = [
    'hookNumericPush', 'hookNumericDiffHash', 'hookNumericDeltaHash', 'hookNumericDiffState', 'hookNumericExpectedDigit',
    'hookNumericDeltaGroup', 'hookNumericSelect', 'hookNumericSelectSecond', 'hookNumericInput', 'hookNumericLearn',
  ].map(hook);
  const js = new NumericTracker();
  const jsInput = new NumericInput();
  const data = stream(7, 300000);
  const rng = new Rng(99);
  const seen = { digits: 0, groups: new Set<number>(), states: new Set<number>(), forced: 0, bits: 0, nonZero: 0 };
  let c1 = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (rng.int(12) === 0) {
      // A run's bytes (the predictor's takeRun): pushed only.
      js.push(c);
      push(c);
      c1 = c;
      continue;
    }
    const a = [js.diffHash(c1), js.diffState, js.deltaHash(c1), js.expectedDigit(), js.deltaGroup()];
    const b = [diffHash(c1), diffState(), deltaHash(c1), expectedDigit(), deltaGroup()];
    if (a.some((v, j) => v !== b[j])) assert.fail(`byte ${i}: ${b} vs ${a}`);
    if (a[3] >= 0) seen.digits++;
    seen.groups.add(a[4]);
    seen.states.add(a[1]);
    // A guess that missed (mostly one bit off, so the last bit is sometimes forced), or none.
    const r = rng.int(10);
    const guess = r < 6 ? -1 : r < 9 ? c ^ (1 << rng.int(8)) : (c + 1 + rng.int(255)) & 255;
    const excluded = guess < 0 ? 0 : guess | 256;
    jsInput.select(js, excluded, c1);
    select(excluded, c1);
    let c0 = 1;
    let ci = 1;
    for (let bitPos = 0; bitPos < 8; bitPos++) {
      const bit = (c >>> (7 - bitPos)) & 1;
      if (bitPos === 7 && excluded >>> 1 === c0) {
        seen.forced++;
      } else {
        const x = jsInput.input(ci);
        const y = input(ci);
        if (x !== y) assert.fail(`byte ${i} bit ${bitPos}: input ${y} vs ${x}`);
        if (x !== 0) seen.nonZero++;
        seen.bits++;
        jsInput.learn(bit);
        learn(bit);
      }
      c0 = (c0 << 1) | bit;
      ci = (ci << 1) | bit;
      if (bitPos === 3) {
        jsInput.selectSecond(c0 & 15);
        selectSecond(c0 & 15);
        ci = 1;
      }
    }
    js.push(c);
    push(c);
    c1 = c;
  }
  assert.ok(data.length > 200000, `${data.length} bytes`);
  assert.ok(seen.digits > 5000, `${seen.digits} foretold digits`);
  assert.ok(seen.forced > 100 && seen.nonZero > 100000, `forced ${seen.forced}, inputs ${seen.nonZero} of ${seen.bits}`);
  assert.equal(seen.states.size, 8, `diff states ${[...seen.states]}`);
  assert.ok(seen.groups.size > 100, `${seen.groups.size} delta groups`);
});
