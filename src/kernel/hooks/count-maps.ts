// Test hooks (test/kernel): one set of count maps.
import { CountMaps } from '../count-maps';

let maps: CountMaps | null = null;

export function hookCountMapsNew(contexts: i32, rateShift: i32): void {
  maps = new CountMaps(contexts, rateShift);
}
export function hookCountMapsInput(i: i32, v: u32): i32 {
  return maps!.input(i, v);
}
export function hookCountMapsLearn(bit: i32, n: i32): void {
  maps!.learn(bit, n);
}
