/**
 * The logistic function and its inverse as lookup tables, built only from
 * + - * / on doubles. IEEE-754 rounds those exactly the same way on every
 * machine, whereas Math.exp / Math.log are implementation-defined in
 * JavaScript; so these tables, and everything computed from them, are
 * bit-identical wherever nnzip runs.
 *
 * Units: a probability is an integer p16 in [1, 65535] meaning p16 / 65536.
 * A logit ("stretch") is an integer in units of 1/256, clamped to
 * [-LOGIT_LIMIT, LOGIT_LIMIT], i.e. about ±16 nats.
 */

export const LOGIT_LIMIT = 4095;
export const P_ONE = 65536;

/** e^x for |x| <= 32, to about 1e-14 relative, in a fixed order of operations. */
export function deterministicExp(x: number): number {
  // e^x = (e^(x/1024))^1024; the Taylor series converges fast for |x/1024| <= 1/32.
  const y = x / 1024;
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= 12; k++) {
    term = (term * y) / k;
    sum += term;
  }
  for (let k = 0; k < 10; k++) sum *= sum;
  return sum;
}

/** SQUASH[d + LOGIT_LIMIT] = round(65536 / (1 + e^(-d/256))), kept within [1, 65535]. */
export const SQUASH = new Int32Array(2 * LOGIT_LIMIT + 1);
/** STRETCH[p16] = the logit d whose squash is nearest p16 (the table inverse of SQUASH). */
export const STRETCH = new Int16Array(P_ONE);

(function buildTables() {
  for (let d = -LOGIT_LIMIT; d <= LOGIT_LIMIT; d++) {
    let v = Math.floor(P_ONE / (1 + deterministicExp(-d / 256)) + 0.5);
    if (v < 1) v = 1;
    if (v > P_ONE - 1) v = P_ONE - 1;
    SQUASH[d + LOGIT_LIMIT] = v;
  }
  // For each p16, the logit d (within the clamp) whose unrounded sigmoid is
  // nearest: the inverse must not inherit the flat runs of the rounded table.
  const real = new Float64Array(2 * LOGIT_LIMIT + 1);
  for (let d = -LOGIT_LIMIT; d <= LOGIT_LIMIT; d++) real[d + LOGIT_LIMIT] = P_ONE / (1 + deterministicExp(-d / 256));
  let d = -LOGIT_LIMIT;
  for (let p = 0; p < P_ONE; p++) {
    while (d < LOGIT_LIMIT && real[d + LOGIT_LIMIT] < p) d++;
    let best = d;
    if (d > -LOGIT_LIMIT && p - real[d - 1 + LOGIT_LIMIT] < real[d + LOGIT_LIMIT] - p) best = d - 1;
    STRETCH[p] = best;
  }
})();

/** p16 of a logit in 1/256 units; the logit is truncated and clamped first. */
export function squash(d: number): number {
  d = d | 0;
  if (d > LOGIT_LIMIT) d = LOGIT_LIMIT;
  else if (d < -LOGIT_LIMIT) d = -LOGIT_LIMIT;
  return SQUASH[d + LOGIT_LIMIT];
}
