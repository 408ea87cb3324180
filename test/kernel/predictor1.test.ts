// The predictor of level 1: the kernel's (predictor1.ts) against predictor.ts
// with presetFor(1), both driven by code-byte.ts's decision loop (codeNext and
// codeByte, encoding: the real bytes decide each run, guess and bit) over
// generated logs, then prose-like text, then random bytes, in frames of
// 64 KiB. Every returned probability, run length, run byte and guess must
// be equal; the first difference fails with its byte index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { Predictor } from '../../src/model/predictor';
import { presetFor } from '../../src/model/presets';
import { Rng, jsonLines, syslogLines } from '../../bench/gen';

type Fn = (...args: number[]) => number;

const WORDS = ['the', 'of', 'and', 'a', 'to', 'in', 'is', 'was', 'that', 'he', 'for', 'it', 'with', 'as', 'his', 'on', 'be', 'at', 'by', 'had', 'river', 'morning', 'Letters', 'quietly', 'house', 'garden', 'ship', 'Captain', 'said', 'would', 'never', 'through'];

/** ~200 KB of syslog and JSON lines, ~30 KB of prose-like text, ~10 KB of random bytes. */
function data(seed: number): Uint8Array {
  const rng = new Rng(seed);
  const parts: Buffer[] = [];
  const gens = [syslogLines(seed + 1), jsonLines(seed + 2)];
  let logs = 0;
  while (logs < 200_000) {
    const s = Buffer.from(gens[rng.int(5) === 0 ? 1 : 0](), 'latin1');
    parts.push(s);
    logs += s.length;
  }
  let prose = '';
  while (prose.length < 30_000) {
    let sentence = '';
    const n = 4 + rng.int(14);
    for (let i = 0; i < n; i++) sentence += (i === 0 ? '' : rng.int(9) === 0 ? ', ' : ' ') + rng.skew(WORDS);
    prose += sentence.charAt(0).toUpperCase() + sentence.slice(1) + (rng.int(6) === 0 ? '.\n' : '. ');
  }
  parts.push(Buffer.from(prose, 'latin1'));
  const random = Buffer.alloc(10_000);
  for (let i = 0; i < random.length; i++) random[i] = rng.int(256);
  parts.push(random);
  return new Uint8Array(Buffer.concat(parts));
}

const FRAME = 64 * 1024;

test('kernel predictor1 = predictor.ts (presetFor(1)) under the coder\'s decisions: logs, prose, random bytes', () => {
  const k = newKernel();
  const f = (name: string) => k[name] as Fn;
  const runLengthK = f('hookPredictor1RunLength');
  const runByteK = f('hookPredictor1RunByte');
  const predictRunK = f('hookPredictor1PredictRun');
  const updateRunK = f('hookPredictor1UpdateRun');
  const expectedK = f('hookPredictor1Expected');
  const predictHitK = f('hookPredictor1PredictHit');
  const updateHitK = f('hookPredictor1UpdateHit');
  const predictK = f('hookPredictor1Predict');
  const updateK = f('hookPredictor1Update');
  f('hookPredictor1New')();
  const js = new Predictor(presetFor(1));
  const buf = data(12);
  let runs = 0;
  let guesses = 0;
  let bits = 0;
  const eq = (a: number, b: number, i: number, what: string) => {
    if (a !== b) assert.fail(`byte ${i}: ${what}: kernel ${a}, JS ${b}`);
  };
  for (let start = 0; start < buf.length; start += FRAME) {
    const end = Math.min(buf.length, start + FRAME);
    let i = start;
    while (i < end) {
      // codeNext
      const n = js.runLength(end - i);
      eq(runLengthK(end - i), n, i, 'runLength');
      if (n > 0) {
        let right = 1;
        for (let j = 0; j < n; j++) {
          const r = js.runByte(j);
          eq(runByteK(j), r, i, `runByte(${j})`);
          if (buf[i + j] !== r) {
            right = 0;
            break;
          }
        }
        eq(predictRunK(), js.predictRun(), i, 'predictRun');
        js.updateRun(right);
        updateRunK(right);
        if (right) {
          runs++;
          i += n;
          continue;
        }
      }
      // codeByte
      const c = buf[i];
      const guess = js.expected();
      eq(expectedK(), guess, i, 'expected');
      let done = false;
      if (guess >= 0) {
        eq(predictHitK(), js.predictHit(), i, 'predictHit');
        const hit = c === guess ? 1 : 0;
        js.updateHit(hit);
        updateHitK(hit);
        if (hit) {
          guesses++;
          done = true;
        }
      }
      if (!done) {
        for (let b = 7; b >= 0; b--) {
          const bit = (c >> b) & 1;
          eq(predictK(), js.predict(), i, `predict (bit ${7 - b})`);
          js.update(bit);
          updateK(bit);
          bits++;
        }
      }
      i++;
    }
  }
  // The drive reached every kind of decision.
  assert.ok(runs > 100 && guesses > 1000 && bits > 100_000, `runs ${runs}, guesses ${guesses}, bits ${bits}`);
});

test('kernel predictor1: its constants are presetFor(1)\'s values', () => {
  const k = newKernel();
  const names = 'tableBits historyBits matchBits counterLimit guessThreshold runThreshold apmStages numericGuessThreshold textGuessThreshold'.split(' ');
  const preset = presetFor(1) as unknown as Record<string, number>;
  for (let i = 0; i < names.length; i++) assert.equal((k.hookPredictor1PresetValue as Fn)(i), preset[names[i]], names[i]);
});
