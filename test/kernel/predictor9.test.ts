// The predictor of level 9: the kernel's (predictor9.ts) against predictor.ts
// with presetFor(9), both driven by code-byte.ts's decision loop (codeNext and
// codeByte, encoding: the real bytes decide each run, guess and bit) over
// generated logs, fixed-width rows (records), prose-like text, then random
// bytes (binary), in frames of 64 KiB (level 9's JS is slow: ~130 KB in all). Every returned probability, run length, run byte and guess must
// be equal; the first difference fails with its byte index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { Predictor } from '../../src/model/predictor';
import { presetFor } from '../../src/model/presets';
import { Rng, jsonLines, syslogLines } from '../../bench/gen';

type Fn = (...args: number[]) => number;

const WORDS = ['the', 'of', 'and', 'a', 'to', 'in', 'is', 'was', 'that', 'he', 'for', 'it', 'with', 'as', 'his', 'on', 'be', 'at', 'by', 'had', 'river', 'morning', 'Letters', 'quietly', 'house', 'garden', 'ship', 'Captain', 'said', 'would', 'never', 'through'];

/** ~80 KB of syslog and JSON lines, ~16 KB of fixed-width rows, ~25 KB of prose-like text, ~8 KB of random bytes, ~4 KB of logs. */
function data(seed: number): Uint8Array {
  const rng = new Rng(seed);
  const parts: Buffer[] = [];
  const gens = [syslogLines(seed + 1), jsonLines(seed + 2)];
  let logs = 0;
  while (logs < 80_000) {
    const s = Buffer.from(gens[rng.int(5) === 0 ? 1 : 0](), 'latin1');
    parts.push(s);
    logs += s.length;
  }
  let prose = '';
  // Fixed-width rows without line feeds: the record model's length and its contexts active.
  const rows = Buffer.alloc(16_000);
  for (let i = 0; i < rows.length; i++) rows[i] = rng.int(12) === 0 ? rng.int(256) : 48 + ((i % 80) % 10);
  parts.push(rows);
  while (prose.length < 25_000) {
    let sentence = '';
    const n = 4 + rng.int(14);
    for (let i = 0; i < n; i++) sentence += (i === 0 ? '' : rng.int(9) === 0 ? ', ' : ' ') + rng.skew(WORDS);
    prose += sentence.charAt(0).toUpperCase() + sentence.slice(1) + (rng.int(6) === 0 ? '.\n' : '. ');
  }
  parts.push(Buffer.from(prose, 'latin1'));
  const random = Buffer.alloc(8_000);
  for (let i = 0; i < random.length; i++) random[i] = rng.int(256);
  parts.push(random);
  // Logs again after binary bytes: log mode back.
  for (let n = 0; n < 4_000; ) {
    const s = Buffer.from(gens[0](), 'latin1');
    parts.push(s);
    n += s.length;
  }
  return new Uint8Array(Buffer.concat(parts));
}

const FRAME = 64 * 1024;

test('kernel predictor9 = predictor.ts (presetFor(9)) under the coder\'s decisions: logs, records, prose, random bytes', () => {
  const k = newKernel();
  const f = (name: string) => k[name] as Fn;
  const runLengthK = f('hookPredictor9RunLength');
  const runByteK = f('hookPredictor9RunByte');
  const predictRunK = f('hookPredictor9PredictRun');
  const updateRunK = f('hookPredictor9UpdateRun');
  const expectedK = f('hookPredictor9Expected');
  const predictHitK = f('hookPredictor9PredictHit');
  const updateHitK = f('hookPredictor9UpdateHit');
  const predictK = f('hookPredictor9Predict');
  const updateK = f('hookPredictor9Update');
  f('hookPredictor9New')();
  const js = new Predictor(presetFor(9));
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

test('kernel predictor9: its constants are presetFor(9)\'s values', () => {
  const k = newKernel();
  const p = presetFor(9);
  const want = [p.tableBits, p.historyBits, p.matchBits, p.counterLimit, p.guessThreshold, p.runThreshold, p.contexts.length, p.logContexts, p.secondOutput];
  for (let i = 0; i < want.length; i++) assert.equal((k.hookPredictor9PresetValue as Fn)(i), want[i], `value ${i}`);
});
