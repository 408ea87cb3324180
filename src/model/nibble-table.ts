/**
 * The nibble-hashed context table (model 3, preset nibbleHash): the same
 * counters, lines and interface as context-table.ts, but a hashed context
 * claims one 64-byte line per nibble (its first nibble's line, then the line
 * of its second nibble after first nibble n, each found by its own hash)
 * instead of a block of 17 lines per byte. A context that has seen few
 * distinct bytes (most long contexts of prose) then holds 2-3 lines, not 17:
 * the same memory keeps about 6-8 times as many contexts. The cost: the
 * second nibble's line is a second random access.
 *
 * Direct part (order 0 and 1) as in context-table.ts. Hashed part: 2^tableBits
 * lines in pairs (2k, 2k + 1); a nibble context's hash picks a line and the
 * other of its pair as candidates; slot 0 holds a 16-bit check; if neither
 * line is this context's, the one whose first counter has seen fewer bits
 * is claimed (cleared).
 */
import { COUNT_MASK, counterNext } from './counter';
import { hash3 } from './hash';
import { Ctx } from './presets';
import { zeroedTable } from './spare-tables';

const SLOTS = 16;
const BLOCK = 17; // the direct contexts' lines for one byte (as context-table.ts)
const ORDER1_BASE = BLOCK;
const DIRECT_LINES = BLOCK + 256 * BLOCK + 1;
const ALIGN_SKIP = 48;

export class NibbleTable {
  readonly n: number;
  /** Each context's hash for this byte, written by the caller before selectFirst() (contexts.ts). */
  readonly hashes: Int32Array;
  readonly t: Uint32Array;
  /** 0: order 0, 1: order 1 (direct), 2: hashed. */
  private readonly addr: Int32Array;
  private readonly shift: number;
  /** Each context's current line (a table index). */
  readonly line: Int32Array;
  /** Each context's counter of the current bit: line + ci, written by the predictor, learned by update(). */
  readonly slot: Int32Array;
  /** Each hashed context's second-nibble hash, between the two passes of selectSecond. */
  private readonly second: Int32Array;
  private readonly limit: number;
  private touched = 0;

  constructor(kinds: readonly Ctx[], tableBits: number, limit: number) {
    this.n = kinds.length;
    this.addr = Int32Array.from(kinds, (k) => (k === Ctx.Order0 ? 0 : k === Ctx.Order1 ? 1 : 2));
    const length = (DIRECT_LINES + 2 ** tableBits) * SLOTS;
    this.t = zeroedTable(Uint32Array, length, () => new Uint32Array(new ArrayBuffer(length * 4 + 64), ALIGN_SKIP, length));
    this.shift = 32 - tableBits;
    this.limit = limit;
    this.hashes = new Int32Array(this.n);
    this.line = new Int32Array(this.n);
    this.slot = new Int32Array(this.n);
    this.second = new Int32Array(this.n);
  }

  /** At bit 0 of a byte: every context's line for the first nibble. */
  selectFirst(): void {
    const t = this.t;
    const addr = this.addr;
    const hashes = this.hashes;
    const line = this.line;
    const shift = this.shift;
    // Pass 1: hash and touch both candidates, so the cache misses overlap.
    let touched = 0;
    for (let i = 0; i < this.n; i++) {
      if (addr[i] !== 2) continue;
      const h = hash3(hashes[i], 0, i);
      hashes[i] = h;
      const l = (DIRECT_LINES + (h >>> shift)) * SLOTS;
      line[i] = l;
      touched ^= t[l] ^ t[l ^ SLOTS];
    }
    this.touched = touched;
    for (let i = 0; i < this.n; i++) {
      const a = addr[i];
      if (a === 0) line[i] = 0;
      else if (a === 1) line[i] = (ORDER1_BASE + hashes[i] * BLOCK) * SLOTS;
      else line[i] = this.claim(line[i], hashes[i]);
    }
  }

  /** At bit 4: every context's line for the second nibble, after first nibble `hi` (0..15). */
  selectSecond(hi: number): void {
    const t = this.t;
    const addr = this.addr;
    const hashes = this.hashes;
    const line = this.line;
    const shift = this.shift;
    const step = (1 + hi) * SLOTS;
    const second = this.second;
    let touched = 0;
    for (let i = 0; i < this.n; i++) {
      if (addr[i] !== 2) {
        line[i] += step;
        continue;
      }
      const h = hash3(hashes[i], hi + 1, 0x5bd1e995);
      second[i] = h;
      const l = (DIRECT_LINES + (h >>> shift)) * SLOTS;
      line[i] = l;
      touched ^= t[l] ^ t[l ^ SLOTS];
    }
    this.touched ^= touched;
    for (let i = 0; i < this.n; i++) {
      if (addr[i] !== 2) continue;
      line[i] = this.claim(line[i], second[i]);
    }
  }

  /** Every counter of `slot` learns the bit. */
  update(bit: number): void {
    const t = this.t;
    const slot = this.slot;
    const limit = this.limit;
    for (let i = 0; i < this.n; i++) {
      const s = slot[i];
      t[s] = counterNext(t[s], bit, limit);
    }
  }

  /** The line of check h: l0 or the other of its pair if one holds it, else the less used one, cleared. */
  private claim(l0: number, h: number): number {
    const t = this.t;
    const check = (h & 0xffff) | 0x10000;
    if (t[l0] === check) return l0;
    // Lines pair as 2k, 2k + 1; DIRECT_LINES is even, so l ^ SLOTS is the other of the pair.
    const other = l0 ^ SLOTS;
    if (t[other] === check) return other;
    const victim = (t[l0 + 1] & COUNT_MASK) <= (t[other + 1] & COUNT_MASK) ? l0 : other;
    t[victim] = check;
    for (let k = 1; k < SLOTS; k++) t[victim + k] = 0;
    return victim;
  }
}
