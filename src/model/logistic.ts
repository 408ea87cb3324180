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

import { crc32 } from '../format/crc32';
import { nodeBuiltin } from '../format/host';

export const LOGIT_LIMIT = 4095;
export const P_ONE = 65536;

/** e^x for |x| <= 32, to about 1e-14 relative, in a fixed order of operations. */
export function deterministicExp(x: number): number {
  // e^x = (e^(x/1024))^1024; the Taylor series converges fast for |x/1024| <= 1/32.
  // Written out (the same operations in the same order as the loops
  // term = term * y / k; sum += term, k = 1..12, then 10 squarings):
  // start-up builds the tables with it before V8 optimises anything, and
  // the interpreter runs straight code much faster than short loops.
  const y = x / 1024;
  let t = y / 1;
  let s = 1 + t;
  t = (t * y) / 2;
  s += t;
  t = (t * y) / 3;
  s += t;
  t = (t * y) / 4;
  s += t;
  t = (t * y) / 5;
  s += t;
  t = (t * y) / 6;
  s += t;
  t = (t * y) / 7;
  s += t;
  t = (t * y) / 8;
  s += t;
  t = (t * y) / 9;
  s += t;
  t = (t * y) / 10;
  s += t;
  t = (t * y) / 11;
  s += t;
  t = (t * y) / 12;
  s += t;
  s *= s;
  s *= s;
  s *= s;
  s *= s;
  s *= s;
  s *= s;
  s *= s;
  s *= s;
  s *= s;
  s *= s;
  return s;
}

/** SQUASH[d + LOGIT_LIMIT] = round(65536 / (1 + e^(-d/256))), kept within [1, 65535]. */
export const SQUASH = new Int32Array(2 * LOGIT_LIMIT + 1);
/** STRETCH[p16] = the logit d whose squash is nearest p16 (the table inverse of SQUASH). */
export const STRETCH = new Int16Array(P_ONE);

/**
 * Builds both tables by the series: the definition. One pass computes each
 * unrounded sigmoid once, for both tables: the exp series is most of the
 * cost. This code runs mostly in V8's interpreter, hence values in locals.
 */
export function buildTables(squashTable: Int32Array, stretchTable: Int16Array): void {
  const limit = LOGIT_LIMIT;
  const one = P_ONE;
  const real = new Float64Array(2 * limit + 1);
  for (let d = -limit; d <= limit; d++) {
    const r = one / (1 + deterministicExp(-d / 256));
    real[d + limit] = r;
    let v = Math.floor(r + 0.5);
    if (v < 1) v = 1;
    if (v > one - 1) v = one - 1;
    squashTable[d + limit] = v;
  }
  // For each p16, the logit d (within the clamp) whose unrounded sigmoid is
  // nearest: the inverse must not inherit the flat runs of the rounded table.
  // Definition: with d the least logit whose real[d] >= p (LOGIT_LIMIT if
  // none), STRETCH[p] is d - 1 if p - real[d - 1] < real[d] - p, else d.
  // Built by logit, not by p (8191 steps and fills instead of 65536 steps):
  // the p with that d are the integers in (real[d - 1], real[d]], and as both
  // rounded differences are monotone in p, the test holds for a prefix of
  // them; its end is found from the midpoint and checked with the exact test.
  stretchTable.fill(-limit, 0, Math.min(one - 1, Math.floor(real[0])) + 1);
  for (let d = -limit + 1; d <= limit; d++) {
    const below = real[d - 1 + limit];
    const above = real[d + limit];
    const lo = Math.floor(below) + 1;
    const hi = d === limit ? one - 1 : Math.min(one - 1, Math.floor(above));
    if (lo > hi) continue;
    let m = Math.ceil((below + above) / 2);
    if (m < lo) m = lo;
    if (m > hi + 1) m = hi + 1;
    // Exactly the definition's test, p - below < above - p, at p = m - 1 and p = m.
    while (m > lo && !(m - 1 - below < above - (m - 1))) m--;
    while (m <= hi && m - below < above - m) m++;
    stretchTable.fill(d - 1, lo, m);
    stretchTable.fill(d, m, hi + 1);
  }
}

/**
 * The build (`npm run build`) writes the tables it computed by the series
 * next to this module, so that a process does not spend ~10 ms of its
 * start-up recomputing them; a missing, short or damaged file (its CRC-32 is
 * checked) means building them here instead. The file is the two tables,
 * little-endian, then the CRC-32 of both. test/core/model-parts.test.ts
 * checks that what is loaded equals the series.
 */
export const TABLES_FILE = 'logistic-tables.bin';

export function tablesFileBytes(squashTable: Int32Array, stretchTable: Int16Array): Buffer {
  const body = Buffer.alloc(squashTable.length * 4 + stretchTable.length * 2);
  squashTable.forEach((v, i) => body.writeInt32LE(v, i * 4));
  stretchTable.forEach((v, i) => body.writeInt16LE(v, squashTable.length * 4 + i * 2));
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(body) >>> 0, 0);
  return Buffer.concat([body, crc]);
}

/** Fills the tables from the build's file in `dir`; false (tables untouched) if it is missing, short or damaged. */
export function loadTables(
  squashTable: Int32Array,
  stretchTable: Int16Array,
  dir: string | undefined = typeof __dirname === 'string' ? __dirname : undefined,
): boolean {
  try {
    // No file system in a browser (src/browser): the series builds them there.
    const fs = nodeBuiltin<typeof import('node:fs')>('node:fs');
    if (fs === undefined || dir === undefined) return false;
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) return false; // (the typed arrays below are views in the machine's order: little-endian only)
    const b = fs.readFileSync(`${dir}/${TABLES_FILE}`);
    const n = squashTable.byteLength + stretchTable.byteLength;
    if (b.length !== n + 4 || crc32(b.subarray(0, n)) >>> 0 !== b.readUInt32LE(n)) return false;
    new Uint8Array(squashTable.buffer).set(b.subarray(0, squashTable.byteLength));
    new Uint8Array(stretchTable.buffer).set(b.subarray(squashTable.byteLength, n));
    return true;
  } catch {
    return false;
  }
}

if (!loadTables(SQUASH, STRETCH)) buildTables(SQUASH, STRETCH);


/** p16 of a logit in 1/256 units; the logit is truncated and clamped first. */
export function squash(d: number): number {
  d = d | 0;
  if (d > LOGIT_LIMIT) d = LOGIT_LIMIT;
  else if (d < -LOGIT_LIMIT) d = -LOGIT_LIMIT;
  return SQUASH[d + LOGIT_LIMIT];
}
