// Test hooks (test/kernel): one APM.
import { Apm } from '../apm';

let apm: Apm | null = null;

export function hookApmNew(contexts: i32, rateShift: i32): void {
  apm = new Apm(contexts, rateShift);
}
export function hookApmRefine(logit: i32, ctx: i32): i32 {
  return apm!.refine(logit, ctx);
}
export function hookApmUpdate(bit: i32): void {
  apm!.update(bit);
}
