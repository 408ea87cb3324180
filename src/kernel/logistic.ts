/**
 * The logistic tables of src/model/logistic.ts. JavaScript writes them into
 * each instance (src/coder/kernel.ts) from its own SQUASH and STRETCH, so the
 * kernel uses exactly the same values and builds nothing.
 */
export const LOGIT_LIMIT: i32 = 4095;
export const SQUASH = new StaticArray<i32>(2 * LOGIT_LIMIT + 1);
export const STRETCH = new StaticArray<i16>(65536);

/** Where JavaScript writes the tables. */
export function squashTable(): usize {
  return changetype<usize>(SQUASH);
}
export function stretchTable(): usize {
  return changetype<usize>(STRETCH);
}

/** p16 of a logit in 1/256 units, clamped first (as logistic.ts squash, for an integer d). */
// @ts-ignore: decorator
@inline export function squash(d: i32): i32 {
  if (d > LOGIT_LIMIT) d = LOGIT_LIMIT;
  else if (d < -LOGIT_LIMIT) d = -LOGIT_LIMIT;
  return unchecked(SQUASH[d + LOGIT_LIMIT]);
}

// @ts-ignore: decorator
@inline export function stretch(p: i32): i32 {
  return <i32>unchecked(STRETCH[p]);
}
