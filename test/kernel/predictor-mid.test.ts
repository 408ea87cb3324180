// The predictors of levels 2-5: the kernel's (predictor-mid.ts)
// against predictor.ts with presetFor(level), decision by decision
// (predictor-lockstep.ts), over ~100 KB of logs, ~20 KB of prose-like text
// and ~8 KB of random bytes per level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { presetFor } from '../../src/model/presets';
import { driveLockstep, Fn, predictorData } from './predictor-lockstep';

const LEVELS = [2, 3, 4, 5];

for (const level of LEVELS) {
  test(`kernel predictor-mid = predictor.ts (presetFor(${level})) under the coder's decisions: logs, prose, random bytes`, () => {
    const { runs, guesses, bits } = driveLockstep('hookPredictorMid', level, predictorData(20 + level, { logs: 100_000, prose: 20_000, random: 8_000 }), level);
    // The drive reached every kind of decision.
    assert.ok(runs > 100 && guesses > 1000 && bits > 50_000, `runs ${runs}, guesses ${guesses}, bits ${bits}`);
  });
}

/** A hook's values for level at i = 0, 1, ... until -1 (or n of them). */
function read(hook: Fn, level: number, n = 64): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = hook(level, i);
    if (v === -1 && n === 64) break;
    out.push(v);
  }
  return out;
}

for (const level of LEVELS) {
  test(`kernel predictor-mid: its level ${level} constants are presetFor(${level})'s values, and the family's`, () => {
    const k = newKernel();
    const p = presetFor(level);
    const want = [p.tableBits, p.historyBits, p.matchBits, p.guessThreshold, p.runThreshold];
    assert.deepEqual(read(k.hookPredictorMidValue as Fn, level, want.length), want);
    assert.deepEqual(read(k.hookPredictorMidKind as Fn, level), p.contexts);
    assert.deepEqual(read(k.hookPredictorMidNeuron as Fn, level), p.neurons);
    // What predictor-mid.ts leaves out, as the family never reaches it.
    const family = {
      counterLimit: 127, apmStages: 1, nibbleLines: true, outputByPartialByte: false, matchApm: false, numericApm: false, textGuessThreshold: -1, countMaps: false,
      textContexts: 0, logContexts: 0, logHistories: false, textApm: false, proseGuessThreshold: -1, textSelector: false, fastExpect: true,
      numericGuessThreshold: -1, numericInput: false, secondOutput: -1, learningSchedule: null, outputLearningRate: undefined,
    };
    for (const [key, v] of Object.entries(family)) assert.deepEqual((p as unknown as Record<string, unknown>)[key], v, key);
    assert.deepEqual(p.textKinds, []);
    // (No neuron by Sel.MatchLength: predictor-mid.ts leaves its weight set out.)
    assert.ok(!p.neurons.includes(1));
  });
}
