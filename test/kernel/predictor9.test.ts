// The predictor of level 9: the kernel's (predictor9.ts) against predictor.ts
// with presetFor(9), decision by decision (predictor-lockstep.ts), over
// ~80 KB of logs, ~16 KB of fixed-width rows (records), ~25 KB of prose-like
// text, ~8 KB of random bytes (binary) and ~4 KB of logs (level 9's
// JavaScript is slow).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetFor } from '../../src/model/presets';
import { driveLockstep, predictorData, presetValues } from './predictor-lockstep';

test('kernel predictor9 = predictor.ts (presetFor(9)) under the coder\'s decisions: logs, records, prose, random bytes', () => {
  const { runs, guesses, bits } = driveLockstep('hookPredictor9', 9, predictorData(12, { logs: 80_000, rows: 16_000, prose: 25_000, random: 8_000, tailLogs: 4_000 }));
  // The drive reached every kind of decision.
  assert.ok(runs > 100 && guesses > 1000 && bits > 100_000, `runs ${runs}, guesses ${guesses}, bits ${bits}`);
});

test('kernel predictor9: its constants are presetFor(9)\'s values', () => {
  const p = presetFor(9);
  const want = [p.tableBits, p.historyBits, p.matchBits, p.counterLimit, p.guessThreshold, p.runThreshold, p.contexts.length, p.logContexts, p.secondOutput];
  assert.deepEqual(presetValues('hookPredictor9', want.length), want);
});
