// The guess offer and the expected-byte model (model 3): the kernel's against
// guess.ts and expect.ts, each over its own match model and line tracker,
// driven as the predictor drives them, over log lines and random bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { lengthBucket } from '../../src/model/expect';
import { GuessOffer } from '../../src/model/guess';
import { LineTracker } from '../../src/model/line-tracker';
import { MATCH_RECENT_BITS, MatchModel } from '../../src/model/match-model';
import type { NumericTracker } from '../../src/model/numeric';
import { presetFor } from '../../src/model/presets';
import { WeakGuess } from '../../src/model/weak-guess';
import { Rng, jsonLines, syslogLines } from '../../bench/gen';

type Fn = (...args: number[]) => number;

/** Log lines (syslog and JSON) with random bytes between them now and then. */
function logData(bytes: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const gens = [syslogLines(seed + 1), jsonLines(seed + 2)];
  const out = new Uint8Array(bytes);
  let n = 0;
  while (n < bytes) {
    let chunk: Uint8Array;
    if (rng.int(10) === 0) {
      chunk = new Uint8Array(1 + rng.int(60));
      for (let i = 0; i < chunk.length; i++) chunk[i] = rng.int(256);
    } else {
      chunk = Buffer.from(gens[rng.int(8) === 0 ? 1 : 0](), 'latin1');
    }
    const take = Math.min(chunk.length, bytes - n);
    out.set(chunk.subarray(0, take), n);
    n += take;
  }
  return out;
}

test('kernel: the guess offer and the expected-byte model guess and learn as guess.ts and expect.ts', () => {
  const preset = presetFor(6);
  assert.ok(preset.fastExpect);
  const threshold = preset.guessThreshold;
  const numericThreshold = preset.numericGuessThreshold;
  const hashBits = Math.min(16, preset.tableBits);
  const k = newKernel();
  const offer = k.hookGuessOffer as Fn;
  const push = k.hookGuessPush as Fn;
  const matchBit = k.hookGuessMatchBit as Fn;
  const update = k.hookGuessUpdate as Fn;
  const got = () => [
    (k.hookGuessByte as Fn)(), (k.hookGuessNumeric as Fn)(), (k.hookGuessHitP as Fn)(),
    (k.hookGuessPredicted as Fn)(), (k.hookGuessWeakByte as Fn)(), (k.hookGuessMatchLen as Fn)(),
  ];
  (k.hookGuessNew as Fn)(threshold, hashBits, preset.counterLimit, numericThreshold, 22, 20, MATCH_RECENT_BITS);
  const js = new GuessOffer(threshold, hashBits, preset.counterLimit, true, numericThreshold);
  const match = new MatchModel(22, 20, MATCH_RECENT_BITS);
  const line = new LineTracker();
  const weak = new WeakGuess();
  // The numeric tracker's digit: a stand-in that says what the test tells it (the kernel's tracker is not ported yet).
  let digit = -1;
  const numeric = { expectedDigit: () => digit } as unknown as NumericTracker;
  const data = logData(250000, 9);
  const rng = new Rng(31);
  let c4 = 0;
  let c8 = 0;
  const counts = { coded: 0, hits: 0, weak: 0, numeric: 0, numericWeak: 0 };
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    // A digit now and then: often the right byte when it is a digit, else any digit.
    digit = rng.int(3) === 0 ? -1 : c >= 48 && c <= 57 && rng.int(2) === 0 ? c : 48 + rng.int(10);
    const useNumeric = rng.int(4) !== 0;
    const a = js.offer(match, line, c4, c8, weak, useNumeric ? numeric : null);
    const b = offer(c4, c8, useNumeric ? digit : -1);
    const want = [js.byte, js.numeric ? 1 : 0, js.hitP, js.predicted, weak.byte, match.len];
    const have = got();
    if ((a ? 1 : 0) !== b || want.some((v, j) => v !== have[j])) {
      assert.fail(`byte ${i}: offer ${b} [${have}] vs ${a} [${want}]`);
    }
    let bits = true;
    if (a) {
      counts.coded++;
      if (js.numeric) counts.numeric++;
      const hit = js.byte === c ? 1 : 0;
      counts.hits += hit;
      js.expect.update(hit);
      update(hit);
      if ((hit !== 0) === js.numeric) {
        match.stop();
        (k.hookGuessMatchStop as Fn)();
      }
      bits = hit === 0;
    }
    if (bits) {
      let c0 = 1;
      for (let bitPos = 0; bitPos < 8; bitPos++) {
        const bit = (c >>> (7 - bitPos)) & 1;
        match.input(c0, bitPos);
        match.learn(bit);
        matchBit(c0, bitPos, bit);
        c0 = (c0 << 1) | bit;
      }
      const predicted = js.predicted;
      if (predicted >= 0) {
        counts.weak++;
        if (js.hitP !== 0 && predicted === digit) counts.numericWeak++;
        js.expect.update(predicted === c ? 1 : 0);
        update(predicted === c ? 1 : 0);
      }
    }
    c8 = (c8 << 8) | (c4 >>> 24);
    c4 = (c4 << 8) | c;
    match.push(c, c4, c8);
    line.push(c);
    line.look();
    push(c, c4, c8);
  }
  // The drive reached what it is for: coded guesses, hits and misses, weak guesses, numeric ones.
  assert.ok(counts.coded > 50000 && counts.hits < counts.coded && counts.weak > 10000, JSON.stringify(counts));
  assert.ok(counts.numeric > 100 && counts.numericWeak > 100, JSON.stringify(counts));
  // Sure hits (which teach only the network and the APM) were many.
  const sureHits = (js.expect as unknown as { sureHits: number }).sureHits;
  assert.ok(sureHits > 10000, `sure hits ${sureHits}`);
});

test('kernel: lengthBucket as expect.ts', () => {
  const k = newKernel();
  for (let len = 0; len < 5000; len++) assert.equal((k.hookLengthBucket as Fn)(len), lengthBucket(len));
  for (const len of [65535, 1 << 20, 0x7fffffff]) assert.equal((k.hookLengthBucket as Fn)(len), lengthBucket(len));
});
