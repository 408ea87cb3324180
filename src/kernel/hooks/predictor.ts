// Test hooks (test/kernel): one predictor (level 6 of model 3), its methods as the coder calls them.
import { Predictor, PRESET_VALUES } from '../predictor';

let predictor: Predictor | null = null;

export function hookPredictorNew(): void {
  predictor = new Predictor();
}
export function hookPredictorRunLength(left: i32): i32 {
  return predictor!.runLength(left);
}
export function hookPredictorRunByte(k: i32): i32 {
  return predictor!.runByte(k);
}
export function hookPredictorPredictRun(): i32 {
  return predictor!.predictRun();
}
export function hookPredictorUpdateRun(hit: i32): void {
  predictor!.updateRun(hit);
}
export function hookPredictorExpected(): i32 {
  return predictor!.expected();
}
export function hookPredictorPredictHit(): i32 {
  return predictor!.predictHit();
}
export function hookPredictorUpdateHit(hit: i32): void {
  predictor!.updateHit(hit);
}
export function hookPredictorPredict(): i32 {
  return predictor!.predict();
}
export function hookPredictorUpdate(bit: i32): void {
  predictor!.update(bit);
}
/** The i-th of the preset values level 6's predictor has as constants (predictor.ts PRESET_NAMES). */
export function hookPredictorPresetValue(i: i32): i32 {
  return PRESET_VALUES[i];
}
