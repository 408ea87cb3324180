// What the kernel's predictor tests share (predictor.test.ts, predictor1,
// predictor9): their data, and the drive that runs a kernel predictor beside
// predictor.ts with the same preset through code-byte.ts's decision loop
// (codeNext and codeByte, encoding: the real bytes decide each run, guess and
// bit), in frames of 64 KiB. Every returned probability, run length, run
// byte and guess must be equal; the first difference fails with its byte.
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { Predictor } from '../../src/model/predictor';
import { presetFor } from '../../src/model/presets';
import { Rng, jsonLines, syslogLines } from '../../bench/gen';

export type Fn = (...args: number[]) => number;

const WORDS = ['the', 'of', 'and', 'a', 'to', 'in', 'is', 'was', 'that', 'he', 'for', 'it', 'with', 'as', 'his', 'on', 'be', 'at', 'by', 'had', 'river', 'morning', 'Letters', 'quietly', 'house', 'garden', 'ship', 'Captain', 'said', 'would', 'never', 'through'];

/** How much of each kind of data (bytes, about). */
export interface Mix {
  logs: number;
  /** Fixed-width rows without line feeds (records), after the logs. */
  rows?: number;
  prose: number;
  random: number;
  /** Logs again after the random bytes (log mode back). */
  tailLogs?: number;
}

/** Syslog and JSON lines, rows, prose-like text, random bytes, logs: in that order. */
export function predictorData(seed: number, mix: Mix): Uint8Array {
  const rng = new Rng(seed);
  const parts: Buffer[] = [];
  const gens = [syslogLines(seed + 1), jsonLines(seed + 2)];
  let logs = 0;
  while (logs < mix.logs) {
    const s = Buffer.from(gens[rng.int(5) === 0 ? 1 : 0](), 'latin1');
    parts.push(s);
    logs += s.length;
  }
  if (mix.rows) {
    const rows = Buffer.alloc(mix.rows);
    for (let i = 0; i < rows.length; i++) rows[i] = rng.int(12) === 0 ? rng.int(256) : 48 + ((i % 80) % 10);
    parts.push(rows);
  }
  let prose = '';
  while (prose.length < mix.prose) {
    let sentence = '';
    const n = 4 + rng.int(14);
    for (let i = 0; i < n; i++) sentence += (i === 0 ? '' : rng.int(9) === 0 ? ', ' : ' ') + rng.skew(WORDS);
    prose += sentence.charAt(0).toUpperCase() + sentence.slice(1) + (rng.int(6) === 0 ? '.\n' : '. ');
  }
  parts.push(Buffer.from(prose, 'latin1'));
  const random = Buffer.alloc(mix.random);
  for (let i = 0; i < random.length; i++) random[i] = rng.int(256);
  parts.push(random);
  for (let n = 0; n < (mix.tailLogs ?? 0); ) {
    const s = Buffer.from(gens[0](), 'latin1');
    parts.push(s);
    n += s.length;
  }
  return new Uint8Array(Buffer.concat(parts));
}

const FRAME = 64 * 1024;

/**
 * Drives the kernel's predictor of `level` (hooks named `prefix` + New,
 * RunLength, ...) beside predictor.ts with presetFor(level) over buf; returns
 * how many runs, guesses and bits were coded. `newArg`: New's argument, for
 * a hook that builds any of several levels (predictor-mid.ts).
 */
export function driveLockstep(prefix: string, level: number, buf: Uint8Array, newArg?: number): { runs: number; guesses: number; bits: number } {
  const k = newKernel();
  const f = (name: string) => k[prefix + name] as Fn;
  const runLengthK = f('RunLength');
  const runByteK = f('RunByte');
  const predictRunK = f('PredictRun');
  const updateRunK = f('UpdateRun');
  const expectedK = f('Expected');
  const predictHitK = f('PredictHit');
  const updateHitK = f('UpdateHit');
  const predictK = f('Predict');
  const updateK = f('Update');
  if (newArg === undefined) f('New')();
  else f('New')(newArg);
  const js = new Predictor(presetFor(level));
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
  return { runs, guesses, bits };
}

/** The preset values a kernel predictor has as constants (its hook `prefix` + PresetValue), the first n. */
export function presetValues(prefix: string, n: number): number[] {
  const k = newKernel();
  return Array.from({ length: n }, (_, i) => (k[prefix + 'PresetValue'] as Fn)(i));
}
