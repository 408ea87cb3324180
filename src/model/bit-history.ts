/**
 * Bit histories (model 3's level 9, log mode only): beside each counter of
 * the context table a byte holding the last bits seen in that slot (up to
 * 7, behind a leading 1; 0: none yet). A counter says how often a 1 came;
 * the history says in which order. In log mode each context's counter
 * reaches the network through a map keyed by its slot's history (256 rows
 * of 33 points on the logit axis, interpolated, as count-maps.ts keys them
 * by the count), which learns what each history is worth in this data, as
 * the indirect models of lpaq and paq8 do: "1 1 1 0" in a context of digits
 * means something else than in prose. In text mode nothing here runs: the
 * histories and maps wait, unchanged (they cost a second random memory
 * access per context and nibble: ~25 % on text, measured in session 7).
 *
 * A line's histories belong to the context that holds the line: a byte of
 * the line's check value (slot 0 of the line, context-table.ts) is kept in
 * the line's history slot 0, and when it no longer matches, the line was
 * claimed by another context and its histories start empty. (One claim in
 * 256 keeps the old histories: harmless, both sides do the same.)
 */
import { CountMaps } from './count-maps';

const SLOTS = 16;
/** Map rows per context: one per history. */
const ROWS = 256;

/** NEXT[2 h + bit]: the history after `bit`; the oldest bit leaves a full history (7 bits). */
const NEXT = new Uint8Array(512);
for (let h = 0; h < 256; h++) {
  for (let bit = 0; bit < 2; bit++) {
    let n = h === 0 ? 2 | bit : (h << 1) | bit;
    if (n >= 256) n = (n & 127) | 128;
    NEXT[2 * h + bit] = n;
  }
}

/** The byte of a line's check value kept in its history slot 0. */
function tagOf(check: number): number {
  return (check ^ (check >>> 8)) & 255;
}

export class BitHistories {
  /** One history per counter of the context table (the same index). */
  private readonly h: Uint8Array;
  /** Per context and history, a map of the counter's probability (count-maps.ts, its rows keyed by history). */
  private readonly maps: CountMaps;

  constructor(tableLength: number, contexts: number, rateShift: number) {
    this.h = new Uint8Array(tableLength);
    this.maps = new CountMaps(contexts, rateShift, ROWS);
  }

  /** After the table selected its lines: a line claimed by another context gets empty histories. */
  own(t: Uint32Array, line: Int32Array, n: number): void {
    const h = this.h;
    for (let i = 0; i < n; i++) {
      const l = line[i];
      const tag = tagOf(t[l]);
      if (h[l] !== tag) {
        h[l] = tag;
        h.fill(0, l + 1, l + SLOTS);
      }
    }
  }

  /**
   * The first n contexts' inputs (logits in 1/256 units) for this bit, the
   * first b at x[i], the others at x[i + shift] (after the bias), and their
   * slots (line + ci) in `slot`.
   */
  inputs(x: Float64Array, t: Uint32Array, line: Int32Array, slot: Int32Array, ci: number, n: number, b: number, shift: number): void {
    const h = this.h;
    const maps = this.maps;
    for (let i = 0; i < n; i++) {
      const s = line[i] + ci;
      slot[i] = s;
      x[i < b ? i : i + shift] = maps.inputByRow(i, t[s], h[s]);
    }
  }

  /** The first n contexts' maps and histories learn the bit. */
  learn(slot: Int32Array, n: number, bit: number): void {
    this.maps.learn(bit, n);
    const h = this.h;
    for (let i = 0; i < n; i++) {
      const s = slot[i];
      h[s] = NEXT[2 * h[s] + bit];
    }
  }
}
