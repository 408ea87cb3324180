/**
 * The context table: the counters (counter.ts) of every bit context, in one
 * Uint32Array of 64-byte lines of 16 counters (slot 0 of a hashed context's
 * line holds its check value).
 *
 * - Direct part: order 0 (17 lines) and order 1 (17 lines per previous byte).
 * - Hashed part, model 3 (hashed lines): 2^tableBits lines in pairs; each
 *   nibble of a context has its own line, found by its own hash (the second
 *   nibble's from the first's and the first nibble): one of the two lines of
 *   the hash's pair, by a 16-bit check in slot 0, else the less used one is
 *   claimed (cleared). A context and byte take 2 lines where a block takes 17.
 * - Hashed part, models 1 and 2: 2^tableBits lines in blocks of 17 (BLOCK):
 *   a block holds one context's lines for one byte, line 0 for the first nibble and line
 *   1 + n for the second nibble after first nibble n. A context's hash picks
 *   a block and the other block of its pair as candidates; a 16-bit check in
 *   the first line tells whose block it is, and if neither is this
 *   context's, the less used one is claimed (cleared). Its other 16 lines
 *   are cleared lazily, on first use in a byte.
 *
 * The counter of a bit is its context's current line + c0 (the byte's bits
 * so far behind a leading 1). For the first nibble that is slot 1..15 of
 * line 0; for the second nibble c0 is 16..255, so its counters run on past
 * line 1 + n into the 15 lines after it (other first nibbles' lines, or the
 * next block's, their check values included; for the last blocks of some
 * table sizes, past the end of the array, where a read gives undefined,
 * i.e. an unseen counter, and a write is dropped). Models 1 and 2 are
 * defined this way and are frozen. Model 3 (preset nibbleLines) fixes it:
 * the predictor indexes a second-nibble bit by the nibble's own bits so far
 * behind a leading 1 (Predictor.ci, 1..15), inside the nibble's own line.
 */
import { COUNT_MASK, counterNext } from './counter';
import { hash3 } from './hash';
import { Ctx } from './presets';
import { zeroedTable } from './spare-tables';

const SLOTS = 16; // one line = 16 x 32-bit counters = one 64-byte cache line
const BLOCK = 17; // a hashed context's lines for one byte
const ORDER0_BASE = 0;
const ORDER1_BASE = BLOCK;
/** Lines of the direct part; even, so that hashed blocks pair up as 2k, 2k + 1. */
const DIRECT_LINES = BLOCK + 256 * BLOCK + 1;
/** Bytes from the table's buffer to its first line (see the constructor). */
const ALIGN_SKIP = 48;
/** log2 of the counters in a page (4 KiB), the unit of firstWrite(). */
const PAGE_SHIFT = 10;
/** Counters before t[0] in its page, if malloc's header is 16 bytes (if not, firstWrite only saves less). */
const PAGE_SKEW = (ALIGN_SKIP + 16) / 4;
/** Counters from a hashed pair's first line to past the last one a bit can reach (models 1-2 spill 16 lines, see above). */
const PAIR_REACH = (2 * BLOCK + 16) * SLOTS;

/** Hashed lines: the hash of a context's second-nibble line, from its first-nibble line's hash and the first nibble. */
function secondNibbleHash(h: number, hi: number): number {
  const x = Math.imul(h ^ Math.imul(hi + 1, 0x9e3779b1), 0x85ebca6b);
  return x ^ (x >>> 15);
}

/** How a context's lines are found. */
const enum Addr {
  Order0 = 0,
  Order1 = 1,
  /** Models 1-2: a hashed block of 17 lines per byte. */
  Hashed = 2,
  /** Model 3: each nibble's line hashed on its own (a pair of lines per hash). */
  HashedLines = 3,
}

export class ContextTable {
  /** Number of contexts in use: the first n (model 3's level 6 leaves its text contexts out while the data is log-like, Predictor.textMode). */
  n: number;
  /** Number of contexts. */
  readonly total: number;
  /** Each context's hash for this byte, written by the caller before selectFirst() (contexts.ts); then its current line's hash. */
  readonly hashes: Int32Array;
  /** The counters. With `line` and `slot`, read by the predictor's per-bit loop (see Predictor.predict). */
  readonly t: Uint32Array;
  private readonly addr: Int32Array;
  /** Number of hashed blocks: even, so that they pair up. */
  private readonly blocks: number;
  /** Hashed lines: a hash's upper 32 - pairShift bits pick a pair of lines. */
  private readonly pairShift: number;
  /** Hashed lines: the first index of a page (PAGE_SHIFT) wholly in the hashed part. */
  private readonly hashedStart = Math.ceil((DIRECT_LINES * SLOTS) / (1 << PAGE_SHIFT)) << PAGE_SHIFT;
  private readonly limit: number;
  /** Each hashed context's first candidate block (a table index), between the two passes of selectFirst. */
  private readonly probe: Int32Array;
  /** The other candidate of each context's pair (a table index; 0 for a direct context), touched with `probe`. */
  private readonly other: Int32Array;
  /** Each context's current line (a table index). */
  readonly line: Int32Array;
  /** Each context's counter of the current bit (a table index): line + c0, written by the predictor, learned by update(). */
  readonly slot: Int32Array;
  /** Sink for the touching loads of selectFirst, so they are not optimised away. */
  private touched = 0;
  /** Per page of `t`: 1 once this model may have touched it (see firstWrite). */
  private readonly written: Uint8Array;

  /** `kinds`: the contexts, in input order; `limit`: the counters' count limit (counter.ts). */
  constructor(kinds: readonly Ctx[], tableBits: number, limit: number, hashedLines = false) {
    this.n = kinds.length;
    this.total = kinds.length;
    const hashed = hashedLines ? Addr.HashedLines : Addr.Hashed;
    this.addr = Int32Array.from(kinds, (k) => (k === Ctx.Order0 ? Addr.Order0 : k === Ctx.Order1 ? Addr.Order1 : hashed));
    this.pairShift = 33 - tableBits;
    // A line should be one cache line: large typed arrays come from malloc
    // (glibc: mmap, 16 bytes past a page boundary), so the view starts
    // ALIGN_SKIP bytes in. Elsewhere it may be misaligned: only slower.
    const length = (DIRECT_LINES + 2 ** tableBits) * SLOTS;
    this.t = zeroedTable(Uint32Array, length, () => new Uint32Array(new ArrayBuffer(length * 4 + 64), ALIGN_SKIP, length));
    this.blocks = Math.floor(2 ** tableBits / BLOCK / 2) * 2;
    this.limit = limit;
    this.hashes = new Int32Array(this.total);
    this.probe = new Int32Array(this.total);
    this.other = new Int32Array(this.total);
    this.line = new Int32Array(this.total);
    this.slot = new Int32Array(this.total);
    this.written = new Uint8Array(((length - 1 + PAGE_SKEW) >>> PAGE_SHIFT) + 1);
    // The direct part is reached without selectFirst's check: its pages count as touched.
    const directEnd = ((DIRECT_LINES + BLOCK) * SLOTS - 1 + PAGE_SKEW) >>> PAGE_SHIFT;
    for (let g = 0; g <= directEnd; g++) this.firstWrite(g);
  }

  /** At bit 0 of a byte: every context's block for the byte, and its line for the first nibble. */
  selectFirst(): void {
    const t = this.t;
    const n = this.n;
    const addr = this.addr;
    const hashes = this.hashes;
    const probe = this.probe;
    const blocks = this.blocks;
    const written = this.written;
    // Pass 1: hash every context to its block, then touch the first line of
    // both blocks of its pair (claim reads both when the first is not the
    // context's). The loads do not depend on each other, so their cache
    // misses overlap instead of queueing: model 3's come in a loop of their
    // own, so short that all of them are under way at once (with the hashing
    // between them, the later ones waited for the first to arrive).
    let touched = 0;
    const other = this.other;
    for (let i = 0; i < n; i++) {
      const a = addr[i];
      if (a === Addr.HashedLines) {
        const h = hash3(hashes[i], 0, i);
        const b = this.lineOf(h);
        hashes[i] = h;
        probe[i] = b;
        other[i] = b ^ SLOTS;
        continue;
      }
      // (Direct lines: nothing to touch; t[0] is the order-0 line, in cache.)
      other[i] = 0;
      if (a !== Addr.Hashed) {
        probe[i] = 0;
        continue;
      }
      const h = hash3(hashes[i], 0, i);
      // Block number in [0, blocks): a multiply-shift, exact in doubles (2^22 · 2^22).
      const block = Math.floor(((h >>> 10) * blocks) / 4194304);
      const b = (DIRECT_LINES + block * BLOCK) * SLOTS;
      hashes[i] = h;
      probe[i] = b;
      // The first access to a page of the table must be a write (firstWrite).
      const pair = (DIRECT_LINES + (block & ~1) * BLOCK) * SLOTS;
      const last = (pair + PAIR_REACH + PAGE_SKEW) >>> PAGE_SHIFT;
      for (let g = (pair + PAGE_SKEW) >>> PAGE_SHIFT; g <= last; g++) if (written[g] === 0) this.firstWrite(g);
      touched ^= t[b] ^ t[(block & 1) === 0 ? b + BLOCK * SLOTS : b - BLOCK * SLOTS];
    }
    for (let i = 0; i < n; i++) touched ^= t[probe[i]] ^ t[other[i]];
    this.touched = touched;
    // Pass 2: find or claim each block, now in cache.
    const line = this.line;
    for (let i = 0; i < n; i++) {
      const a = addr[i];
      if (a === Addr.Order0) line[i] = ORDER0_BASE * SLOTS;
      else if (a === Addr.Order1) line[i] = (ORDER1_BASE + hashes[i] * BLOCK) * SLOTS;
      else if (a === Addr.Hashed) line[i] = this.claim(probe[i], hashes[i]);
      else line[i] = this.claimLine(probe[i], hashes[i]);
    }
  }

  /** At bit 4: every context's line for the second nibble, after first nibble `hi` (0..15). */
  selectSecond(hi: number): void {
    const t = this.t;
    const n = this.n;
    const addr = this.addr;
    const lines = this.line;
    const step = (1 + hi) * SLOTS;
    const hashes = this.hashes;
    const probe = this.probe;
    // Hashed lines: each context's second-nibble line has its own hash (of
    // the first nibble's and hi, kept in `hashes` for the claim); touch all
    // candidates first, as selectFirst.
    let touched = 0;
    const other = this.other;
    for (let i = 0; i < n; i++) {
      if (addr[i] !== Addr.HashedLines) {
        probe[i] = 0;
        other[i] = 0;
        continue;
      }
      const h = secondNibbleHash(hashes[i], hi);
      const b = this.secondLineOf(lines[i], h);
      hashes[i] = h;
      probe[i] = b;
      other[i] = b ^ SLOTS;
    }
    for (let i = 0; i < n; i++) touched ^= t[probe[i]] ^ t[other[i]];
    this.touched ^= touched;
    for (let i = 0; i < n; i++) {
      const a = addr[i];
      if (a === Addr.HashedLines) {
        lines[i] = this.claimLine(probe[i], hashes[i]);
        continue;
      }
      const first = lines[i];
      const line = first + step;
      // A hashed line is in the same block (the same page: no new TLB miss);
      // one left by another context's byte is cleared on first use.
      if (a === Addr.Hashed) {
        const check = t[first];
        if (t[line] !== check) {
          t[line] = check;
          for (let k = 1; k < SLOTS; k++) t[line + k] = 0;
        }
      }
      lines[i] = line;
    }
  }

  /** Every counter of `slot` learns the bit. */
  update(bit: number): void {
    const t = this.t;
    const n = this.n;
    const slot = this.slot;
    const limit = this.limit;
    for (let i = 0; i < n; i++) {
      const s = slot[i];
      t[s] = counterNext(t[s], bit, limit);
    }
  }

  /**
   * Writes the first and last counter of page g of `t` (a 4 KiB span, the
   * kernel's page if PAGE_SKEW is right), which this model has not touched,
   * so they hold 0 (the table starts zero-filled, spare-tables.ts). The
   * table's pages are mapped on first use, and a first read maps the shared
   * zero page, which the first write then replaces: two page faults per page
   * (measured, Linux), where a first write costs one.
   */
  private firstWrite(g: number): void {
    const t = this.t;
    this.written[g] = 1;
    const first = Math.max(0, (g << PAGE_SHIFT) - PAGE_SKEW);
    const last = Math.min(t.length - 1, ((g + 1) << PAGE_SHIFT) - 1 - PAGE_SKEW);
    if (first > last) return;
    t[first] = 0;
    t[last] = 0;
  }

  /**
   * Hashed lines: the first candidate line (a table index) of hash h, after
   * making sure the first access to its page is a write (firstWrite). The
   * other candidate is the other line of its pair (index ^ SLOTS: the
   * direct part has an even number of lines).
   */
  private lineOf(h: number): number {
    const b = (DIRECT_LINES + (h >>> this.pairShift) * 2 + ((h >>> 16) & 1)) * SLOTS;
    const written = this.written;
    const g0 = ((b & ~SLOTS) + PAGE_SKEW) >>> PAGE_SHIFT;
    const g1 = ((b | SLOTS) + SLOTS - 1 + PAGE_SKEW) >>> PAGE_SHIFT;
    if (written[g0] === 0) this.firstWrite(g0);
    if (written[g1] === 0) this.firstWrite(g1);
    return b;
  }

  /**
   * Hashed lines: the first candidate line of a second nibble with hash h,
   * in the 4 KiB page of its first nibble's line `first` (a page already
   * mapped and in the TLB; 32 pairs, the last one's second line in the next
   * page), moved to the hashed part's first or last whole page when the
   * page reaches past it.
   */
  private secondLineOf(first: number, h: number): number {
    let page = ((first + PAGE_SKEW) >>> PAGE_SHIFT) << PAGE_SHIFT;
    // Every operand is computed on every call, so that the rare branches hold
    // only moves: an operation first run after V8 optimised this (no type
    // feedback for it yet) would throw the optimised code away.
    const lowest = this.hashedStart;
    const below = page - (1 << PAGE_SHIFT);
    if (page < lowest) page = lowest;
    else if (page > this.t.length - (1 << PAGE_SHIFT)) page = below;
    const b = page + ((h >>> 27) << 5) + ((h >>> 16) & 1) * SLOTS;
    const g = (b + SLOTS - 1 + PAGE_SKEW) >>> PAGE_SHIFT;
    if (this.written[g] === 0) this.firstWrite(g);
    const g0 = (b + PAGE_SKEW) >>> PAGE_SHIFT;
    if (this.written[g0] === 0) this.firstWrite(g0);
    return b;
  }

  /** Hashed lines: line b0 or the other of its pair, whichever holds h's check value; else the one seen less is claimed. */
  private claimLine(b0: number, h: number): number {
    const t = this.t;
    const check = (h & 0xffff) | 0x10000;
    if (t[b0] === check) return b0;
    const other = b0 ^ SLOTS;
    if (t[other] === check) return other;
    const victim = (t[b0 + 1] & COUNT_MASK) <= (t[other + 1] & COUNT_MASK) ? b0 : other;
    t[victim] = check;
    for (let i = 1; i < SLOTS; i++) t[victim + i] = 0;
    return victim;
  }

  /**
   * A hashed context's block for this byte: the first candidate b0 or the
   * other of its pair, whichever holds this context's check value; else
   * the one whose first counter has seen fewer bits is claimed.
   */
  private claim(b0: number, h: number): number {
    const t = this.t;
    const check = (h & 0xffff) | 0x10000;
    if (t[b0] === check) return b0;
    const block = (b0 / SLOTS - DIRECT_LINES) / BLOCK;
    const other = b0 + ((block & 1) === 0 ? BLOCK * SLOTS : -BLOCK * SLOTS);
    if (t[other] === check) return other;
    const victim = (t[b0 + 1] & COUNT_MASK) <= (t[other + 1] & COUNT_MASK) ? b0 : other;
    t[victim] = check;
    for (let i = 1; i < SLOTS; i++) t[victim + i] = 0;
    return victim;
  }
}
