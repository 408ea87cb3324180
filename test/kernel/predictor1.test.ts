// The predictor of level 1: the kernel's (predictor1.ts) against predictor.ts
// with presetFor(1), decision by decision (predictor-lockstep.ts), over
// ~200 KB of logs, ~30 KB of prose-like text and ~10 KB of random bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetFor } from '../../src/model/presets';
import { driveLockstep, predictorData, presetValues } from './predictor-lockstep';

test('kernel predictor1 = predictor.ts (presetFor(1)) under the coder\'s decisions: logs, prose, random bytes', () => {
  const { runs, guesses, bits } = driveLockstep('hookPredictor1', 1, predictorData(12, { logs: 200_000, prose: 30_000, random: 10_000 }));
  // The drive reached every kind of decision.
  assert.ok(runs > 100 && guesses > 1000 && bits > 100_000, `runs ${runs}, guesses ${guesses}, bits ${bits}`);
});

test('kernel predictor1: its constants are presetFor(1)\'s values', () => {
  const p = presetFor(1);
  const want = [p.tableBits, p.historyBits, p.matchBits, p.counterLimit, p.guessThreshold, p.runThreshold, p.apmStages, p.numericGuessThreshold, p.textGuessThreshold];
  assert.deepEqual(presetValues('hookPredictor1', want.length), want);
});
