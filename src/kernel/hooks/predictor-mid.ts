// Test hooks (test/kernel): one predictor of level 2-5 of model 3, its methods as the coder calls them.
import { midKinds, midNeurons, midValue, PredictorMid } from '../predictor-mid';

let predictor: PredictorMid | null = null;

export function hookPredictorMidNew(level: i32): void {
  predictor = new PredictorMid(level);
}
export function hookPredictorMidRunLength(left: i32): i32 {
  return predictor!.runLength(left);
}
export function hookPredictorMidRunByte(k: i32): i32 {
  return predictor!.runByte(k);
}
export function hookPredictorMidPredictRun(): i32 {
  return predictor!.predictRun();
}
export function hookPredictorMidUpdateRun(hit: i32): void {
  predictor!.updateRun(hit);
}
export function hookPredictorMidExpected(): i32 {
  return predictor!.expected();
}
export function hookPredictorMidPredictHit(): i32 {
  return predictor!.predictHit();
}
export function hookPredictorMidUpdateHit(hit: i32): void {
  predictor!.updateHit(hit);
}
export function hookPredictorMidPredict(): i32 {
  return predictor!.predict();
}
export function hookPredictorMidUpdate(bit: i32): void {
  predictor!.update(bit);
}
/** Level's i-th value in predictor-mid.ts LEVELS (tableBits, historyBits, matchBits, guessThreshold, runThreshold). */
export function hookPredictorMidValue(level: i32, i: i32): i32 {
  return midValue(level, i);
}
/** Level's i-th context kind, or -1 past the last. */
export function hookPredictorMidKind(level: i32, i: i32): i32 {
  const kinds = midKinds(level);
  return i < kinds.length ? kinds[i] : -1;
}
/** Level's i-th neuron's selector, or -1 past the last. */
export function hookPredictorMidNeuron(level: i32, i: i32): i32 {
  const neurons = midNeurons(level);
  return i < neurons.length ? neurons[i] : -1;
}
