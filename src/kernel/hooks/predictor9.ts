// Test hooks (test/kernel): one predictor of level 9 of model 3, its methods as the coder calls them.
import { Predictor9, PRESET_VALUES9 } from '../predictor9';

let predictor: Predictor9 | null = null;

export function hookPredictor9New(): void {
  predictor = new Predictor9();
}
export function hookPredictor9RunLength(left: i32): i32 {
  return predictor!.runLength(left);
}
export function hookPredictor9RunByte(k: i32): i32 {
  return predictor!.runByte(k);
}
export function hookPredictor9PredictRun(): i32 {
  return predictor!.predictRun();
}
export function hookPredictor9UpdateRun(hit: i32): void {
  predictor!.updateRun(hit);
}
export function hookPredictor9Expected(): i32 {
  return predictor!.expected();
}
export function hookPredictor9PredictHit(): i32 {
  return predictor!.predictHit();
}
export function hookPredictor9UpdateHit(hit: i32): void {
  predictor!.updateHit(hit);
}
export function hookPredictor9Predict(): i32 {
  return predictor!.predict();
}
export function hookPredictor9Update(bit: i32): void {
  predictor!.update(bit);
}
/** The i-th of the preset values level 9's predictor has as constants (predictor9.ts PRESET_VALUES9). */
export function hookPredictor9PresetValue(i: i32): i32 {
  return PRESET_VALUES9[i];
}
