/**
 * The kernel: every level of model 3 (predictors and range coder) in
 * AssemblyScript, compiled to WebAssembly by `npm run build`
 * (dist/src/kernel/kernel.wasm) and driven by src/coder/kernel.ts. Each part
 * mirrors its JavaScript original in src/model or src/coder, which stays the
 * reference: the tests compare the two part by part (the hooks) and stream
 * by stream (the bytes). Everything is integer or IEEE-754 + - * / in the
 * originals' order (docs/DESIGN.md, "Lockstep").
 */
import { initApm } from './apm';
import { initCounters } from './counter';

export { squashTable, stretchTable } from './logistic';

/** Builds the derived tables; JavaScript calls it once, after writing SQUASH and STRETCH. */
export function init(): void {
  initCounters();
  initApm();
}

// What src/coder/kernel.ts drives.
export * from './api';

// Test hooks, one file per part (test/kernel).
export * from './hooks/logistic';
export * from './hooks/counter';
export * from './hooks/apm';
export * from './hooks/range-coder';
export * from './hooks/line-tracker';
export * from './hooks/word-tracker';
export * from './hooks/match-model';
export * from './hooks/weak-guess';
export * from './hooks/network';
export * from './hooks/count-maps';
export * from './hooks/context-table';
export * from './hooks/contexts';
export * from './hooks/field-copy';
export * from './hooks/numeric';
export * from './hooks/expect-network';
export * from './hooks/guess';
export * from './hooks/run-offer';
export * from './hooks/predictor';
export * from './hooks/predictor1';
export * from './hooks/bit-history';
export * from './hooks/record';
export * from './hooks/second-output';
export * from './hooks/log-contexts';
export * from './hooks/predictor9';
export * from './hooks/predictor-mid';
export * from './hooks/predictor78';
