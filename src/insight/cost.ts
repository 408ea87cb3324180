/**
 * What a decision costs: a BitChannel (src/coder/code-byte.ts) that codes
 * nothing and counts, for each decision met, the bits an ideal coder would
 * spend on it: -log2 P(bit). It only reports, it never feeds a coder; its
 * logarithm is still built from + - * / alone (as logistic.ts's tables), so
 * that --explain ranks lines the same on every machine and Node version
 * (Math.log2 is implementation-defined).
 */
import type { BitChannel } from '../coder/code-byte';

/** log2(p) for an integer p in [1, 2^31), to about 1e-15, in a fixed order of operations. */
function log2Int(p: number): number {
  const e = 31 - Math.clz32(p); // p = m * 2^e, m in [1, 2)
  const m = p / 2 ** e;
  // ln m = 2 atanh(y), y = (m - 1) / (m + 1) <= 1/3: the odd powers' series to y^31.
  const y = (m - 1) / (m + 1);
  const y2 = y * y;
  let term = y;
  let sum = 0;
  for (let k = 1; k <= 31; k += 2) {
    sum += term / k;
    term *= y2;
  }
  return e + (2 * sum) / 0.6931471805599453;
}

/** -log2(p / 65536) for every p16 the model can give (1..65535); built once, on first use. */
let costTable: Float64Array | null = null;

function table(): Float64Array {
  if (costTable === null) {
    costTable = new Float64Array(65537);
    costTable[0] = 16; // not produced by the model; the cost of p = 1/65536
    for (let p = 1; p <= 65536; p++) costTable[p] = 16 - log2Int(p);
  }
  return costTable;
}

export class CostChannel implements BitChannel {
  /** Bits spent since the last reset. */
  bits = 0;
  private readonly cost = table();

  code(bit: number, p1: number): number {
    // p1 is P(1) in 1/65536: a 1 costs -log2(p1), a 0 -log2(1 - p1).
    this.bits += this.cost[bit ? p1 : 65536 - p1];
    return bit;
  }
}
