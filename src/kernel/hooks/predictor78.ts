// Test hooks (test/kernel): one predictor of level 7 or 8 of model 3, its methods as the coder calls them.
import { kinds78, neurons78, Predictor78, SHARED_VALUES78, textKinds78, value78 } from '../predictor78';

let predictor: Predictor78 | null = null;

export function hookPredictor78New(level: i32): void {
  predictor = new Predictor78(level);
}
export function hookPredictor78RunLength(left: i32): i32 {
  return predictor!.runLength(left);
}
export function hookPredictor78RunByte(k: i32): i32 {
  return predictor!.runByte(k);
}
export function hookPredictor78PredictRun(): i32 {
  return predictor!.predictRun();
}
export function hookPredictor78UpdateRun(hit: i32): void {
  predictor!.updateRun(hit);
}
export function hookPredictor78Expected(): i32 {
  return predictor!.expected();
}
export function hookPredictor78PredictHit(): i32 {
  return predictor!.predictHit();
}
export function hookPredictor78UpdateHit(hit: i32): void {
  predictor!.updateHit(hit);
}
export function hookPredictor78Predict(): i32 {
  return predictor!.predict();
}
export function hookPredictor78Update(bit: i32): void {
  predictor!.update(bit);
}
/** Level's i-th value in predictor78.ts LEVELS (tableBits, historyBits, matchBits). */
export function hookPredictor78Value(level: i32, i: i32): i32 {
  return value78(level, i);
}
/** The i-th of the values both levels share (predictor78.ts SHARED_VALUES78), or -1 past the last. */
export function hookPredictor78Shared(i: i32): i32 {
  return i < SHARED_VALUES78.length ? SHARED_VALUES78[i] : -1;
}
/** Level's i-th context kind, or -1 past the last. */
export function hookPredictor78Kind(level: i32, i: i32): i32 {
  const kinds = kinds78(level);
  return i < kinds.length ? kinds[i] : -1;
}
/** The i-th context kind of textKinds (both levels), or -1 past the last. */
export function hookPredictor78TextKind(i: i32): i32 {
  const kinds = textKinds78();
  return i < kinds.length ? kinds[i] : -1;
}
/** Level's i-th neuron's selector, or -1 past the last. */
export function hookPredictor78Neuron(level: i32, i: i32): i32 {
  const neurons = neurons78(level);
  return i < neurons.length ? neurons[i] : -1;
}
