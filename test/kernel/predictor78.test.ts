// The predictors of levels 7 and 8: the kernel's (predictor78.ts) against
// predictor.ts with presetFor(level), decision by decision
// (predictor-lockstep.ts), over ~100 KB of logs, ~25 KB of prose-like text,
// ~8 KB of random bytes (binary: text mode) and ~20 KB of logs again (log
// mode back) per level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { presetFor } from '../../src/model/presets';
import { driveLockstep, Fn, predictorData } from './predictor-lockstep';

const LEVELS = [7, 8];

for (const level of LEVELS) {
  test(`kernel predictor78 = predictor.ts (presetFor(${level})) under the coder's decisions: logs, prose, random bytes, logs`, () => {
    const { runs, guesses, bits } = driveLockstep('hookPredictor78', level, predictorData(30 + level, { logs: 100_000, prose: 25_000, random: 8_000, tailLogs: 20_000 }), level);
    // The drive reached every kind of decision.
    assert.ok(runs > 100 && guesses > 1000 && bits > 100_000, `runs ${runs}, guesses ${guesses}, bits ${bits}`);
  });
}

/** A hook's values at i = 0, 1, ... until -1. */
function read(hook: (i: number) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 64; i++) {
    const v = hook(i);
    if (v === -1) break;
    out.push(v);
  }
  return out;
}

for (const level of LEVELS) {
  test(`kernel predictor78: its level ${level} constants are presetFor(${level})'s values`, () => {
    const k = newKernel();
    const p = presetFor(level);
    const value = k.hookPredictor78Value as Fn;
    assert.deepEqual([0, 1, 2].map((i) => value(level, i)), [p.tableBits, p.historyBits, p.matchBits]);
    const shared = [p.counterLimit, p.guessThreshold, p.textGuessThreshold, p.proseGuessThreshold, p.numericGuessThreshold, p.runThreshold, p.apmStages, p.textContexts, p.secondOutput];
    assert.deepEqual(read(k.hookPredictor78Shared as Fn), shared);
    assert.deepEqual(read((i) => (k.hookPredictor78Kind as Fn)(level, i)), p.contexts);
    assert.deepEqual(read(k.hookPredictor78TextKind as Fn), p.textKinds);
    assert.deepEqual(read((i) => (k.hookPredictor78Neuron as Fn)(level, i)), p.neurons);
    // The base contexts are the first six; the rest are text (4) and log contexts.
    assert.equal(p.contexts.length - p.textContexts - p.logContexts, 6);
    // What predictor78.ts has as code, not values: these levels' preset flags.
    const family = {
      nibbleLines: true, outputByPartialByte: false, outputLearningRate: undefined, matchApm: false, numericApm: true, countMaps: true,
      logHistories: false, textApm: true, textSelector: true, fastExpect: true, numericInput: true, learningSchedule: null,
    };
    for (const [key, v] of Object.entries(family)) assert.deepEqual((p as unknown as Record<string, unknown>)[key], v, key);
    assert.ok(p.logContexts > 0 && p.textContexts > 0);
  });
}
