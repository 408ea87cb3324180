/**
 * What a decision costs: a BitChannel (src/coder/code-byte.ts) that codes
 * nothing and counts, for each decision met, the bits an ideal coder would
 * spend on it: -log2 P(bit). It only reports, it never feeds a coder, so
 * Math.log2 is allowed here (the lockstep rules bind what reaches the range
 * coder, not this).
 */
import type { BitChannel } from '../coder/code-byte';

/** -log2(p / 65536) for every p16 the model can give (1..65535); built once, on first use. */
let costTable: Float64Array | null = null;

function table(): Float64Array {
  if (costTable === null) {
    costTable = new Float64Array(65537);
    costTable[0] = 16; // not produced by the model; the cost of p = 1/65536
    for (let p = 1; p <= 65536; p++) costTable[p] = -Math.log2(p / 65536);
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
