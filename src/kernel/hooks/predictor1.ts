// Test hooks (test/kernel): one predictor of level 1 of model 3, its methods as the coder calls them.
import { Predictor1, PRESET_VALUES1 } from '../predictor1';

let predictor: Predictor1 | null = null;

export function hookPredictor1New(): void {
  predictor = new Predictor1();
}
export function hookPredictor1RunLength(left: i32): i32 {
  return predictor!.runLength(left);
}
export function hookPredictor1RunByte(k: i32): i32 {
  return predictor!.runByte(k);
}
export function hookPredictor1PredictRun(): i32 {
  return predictor!.predictRun();
}
export function hookPredictor1UpdateRun(hit: i32): void {
  predictor!.updateRun(hit);
}
export function hookPredictor1Expected(): i32 {
  return predictor!.expected();
}
export function hookPredictor1PredictHit(): i32 {
  return predictor!.predictHit();
}
export function hookPredictor1UpdateHit(hit: i32): void {
  predictor!.updateHit(hit);
}
export function hookPredictor1Predict(): i32 {
  return predictor!.predict();
}
export function hookPredictor1Update(bit: i32): void {
  predictor!.update(bit);
}
/** The i-th of the preset values level 1's predictor has as constants (predictor1.ts PRESET_VALUES1). */
export function hookPredictor1PresetValue(i: i32): i32 {
  return PRESET_VALUES1[i];
}
