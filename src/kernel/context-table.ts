// src/model/context-table.ts: the counters of every bit context, in 64-byte
// lines of 16 counters. Only model 3's hashed lines (preset nibbleLines) and
// the direct part: level 6's contexts are all hashed (selectFirst,
// selectSecond), level 1's Order1 and level 9's Order1 and Order0 are direct (selectFirstDirect,
// selectSecondDirect: the same with the original's direct lines, kept out of
// level 6's loops). The models 1-2 blocks (Addr.Hashed, claim) are left out.
import { counterNext } from './counter';
import { hash3 } from './hash';
import { Table } from './table';

const SLOTS: i32 = 16;
const BLOCK: i32 = 17;
const ORDER0_BASE: i32 = 0;
const ORDER1_BASE: i32 = BLOCK;
/** Lines of the direct part (unused at level 6, kept for the layout): even, so that lines pair up. */
const DIRECT_LINES: i32 = BLOCK + 256 * BLOCK + 1;
/** log2 of the counters in a page (4 KiB), the unit of firstWrite(). */
const PAGE_SHIFT: i32 = 10;
/** Counters before t[0] in its page (context-table.ts: ALIGN_SKIP 48 + a 16-byte malloc header). */
const PAGE_SKEW: i32 = (48 + 16) / 4;
const COUNT_MASK: u32 = 1023;
/** presets.ts Ctx values addressed directly (context-table.ts Addr.Order0, Addr.Order1). */
const CTX_ORDER1: i32 = 0;
const CTX_ORDER0: i32 = 8;
/** How a context's lines are found (context-table.ts Addr; Hashed, models 1-2's, is not ported). */
const ADDR_ORDER0: u8 = 0;
const ADDR_ORDER1: u8 = 1;
const ADDR_HASHED_LINES: u8 = 3;

/** The hash of a context's second-nibble line, from its first-nibble line's hash and the first nibble. */
// @ts-ignore: decorator
@inline function secondNibbleHash(h: i32, hi: i32): i32 {
  const x = (h ^ ((hi + 1) * <i32>0x9e3779b1)) * <i32>0x85ebca6b;
  return x ^ (x >>> 15);
}

@final export class ContextTable {
  /** Number of contexts in use: the first n (Predictor.textMode). */
  n: i32;
  /** Number of contexts. */
  readonly total: i32;
  /** Each context's hash for this byte, written before selectFirst(); then its current line's hash. */
  readonly hashes: Table<i32>;
  /** The counters. */
  readonly t: Table<u32>;
  private readonly pairShift: i32;
  /** The first index of a page wholly in the hashed part. */
  private readonly hashedStart: i32;
  private readonly limit: u32;
  private readonly probe: Table<i32>;
  private readonly other: Table<i32>;
  /** Each context's current line (a table index). */
  readonly line: Table<i32>;
  /** Each context's counter of the current bit: line + ci, written by the predictor, learned by update(). */
  readonly slot: Table<i32>;
  private touched: u32 = 0;
  /**
   * Per page of `t`: 1 once firstWrite has run for it. Kept as in the
   * original: firstWrite zeroes two counters of a page, which may already
   * have been written through a neighbouring page's pair (lockstep).
   */
  private readonly written: Table<u8>;
  /** Each context's addressing (ADDR_*): read only by the Direct methods. */
  private readonly addr: Table<u8>;

  /** `kinds`: the contexts (level 6: all hashed lines; level 1: Order1 direct); `limit`: the counters' count limit. */
  constructor(kinds: StaticArray<i32>, tableBits: i32, limit: i32, hashedLines: bool = true) {
    const total = kinds.length;
    this.n = total;
    this.total = total;
    this.pairShift = 33 - tableBits;
    const length = (DIRECT_LINES + (1 << tableBits)) * SLOTS;
    this.t = new Table<u32>(length);
    this.hashedStart = ((DIRECT_LINES * SLOTS + (1 << PAGE_SHIFT) - 1) >> PAGE_SHIFT) << PAGE_SHIFT;
    this.limit = <u32>limit;
    this.hashes = new Table<i32>(total);
    this.probe = new Table<i32>(total);
    this.other = new Table<i32>(total);
    this.line = new Table<i32>(total);
    this.slot = new Table<i32>(total);
    const addr = new Table<u8>(total);
    for (let i = 0; i < total; i++) {
      const k = kinds[i];
      addr[i] = k == CTX_ORDER0 ? ADDR_ORDER0 : k == CTX_ORDER1 ? ADDR_ORDER1 : ADDR_HASHED_LINES;
    }
    this.addr = addr;
    this.written = new Table<u8>(((length - 1 + PAGE_SKEW) >>> PAGE_SHIFT) + 1);
    const directEnd = ((DIRECT_LINES + BLOCK) * SLOTS - 1 + PAGE_SKEW) >>> PAGE_SHIFT;
    for (let g = 0; g <= directEnd; g++) this.firstWrite(g);
  }

  /** At bit 0 of a byte: every context's line for the first nibble. */
  selectFirst(): void {
    const t = this.t;
    const n = this.n;
    const hashes = this.hashes;
    const probe = this.probe;
    const other = this.other;
    for (let i = 0; i < n; i++) {
      const h = hash3(hashes[i], 0, i);
      const b = this.lineOf(h);
      hashes[i] = h;
      probe[i] = b;
      other[i] = b ^ SLOTS;
    }
    let touched: u32 = 0;
    for (let i = 0; i < n; i++) touched ^= t[probe[i]] ^ t[other[i]];
    this.touched = touched;
    const line = this.line;
    for (let i = 0; i < n; i++) line[i] = this.claimLine(probe[i], hashes[i]);
  }

  /** At bit 4: every context's line for the second nibble, after first nibble `hi` (0..15). */
  selectSecond(hi: i32): void {
    const t = this.t;
    const n = this.n;
    const lines = this.line;
    const hashes = this.hashes;
    const probe = this.probe;
    const other = this.other;
    for (let i = 0; i < n; i++) {
      const h = secondNibbleHash(hashes[i], hi);
      const b = this.secondLineOf(lines[i], h);
      hashes[i] = h;
      probe[i] = b;
      other[i] = b ^ SLOTS;
    }
    let touched: u32 = 0;
    for (let i = 0; i < n; i++) touched ^= t[probe[i]] ^ t[other[i]];
    this.touched ^= touched;
    for (let i = 0; i < n; i++) lines[i] = this.claimLine(probe[i], hashes[i]);
  }

  /**
   * selectFirst() with direct contexts among the hashed lines (level 1's
   * Order1: its hash is the last byte, a line index): the original's
   * selectFirst for nibbleLines. A direct context touches nothing and keeps its hash.
   */
  selectFirstDirect(): void {
    const t = this.t;
    const n = this.n;
    const addr = this.addr;
    const hashes = this.hashes;
    const probe = this.probe;
    const other = this.other;
    for (let i = 0; i < n; i++) {
      if (addr[i] != ADDR_HASHED_LINES) {
        other[i] = 0;
        probe[i] = 0;
        continue;
      }
      const h = hash3(hashes[i], 0, i);
      const b = this.lineOf(h);
      hashes[i] = h;
      probe[i] = b;
      other[i] = b ^ SLOTS;
    }
    let touched: u32 = 0;
    for (let i = 0; i < n; i++) touched ^= t[probe[i]] ^ t[other[i]];
    this.touched = touched;
    const line = this.line;
    for (let i = 0; i < n; i++) {
      const a = addr[i];
      if (a == ADDR_ORDER0) line[i] = ORDER0_BASE * SLOTS;
      else if (a == ADDR_ORDER1) line[i] = (ORDER1_BASE + hashes[i] * BLOCK) * SLOTS;
      else line[i] = this.claimLine(probe[i], hashes[i]);
    }
  }

  /** selectSecond() with direct contexts (selectFirstDirect): a direct context's second-nibble line is line 1 + hi of its block. */
  selectSecondDirect(hi: i32): void {
    const t = this.t;
    const n = this.n;
    const addr = this.addr;
    const lines = this.line;
    const step = (1 + hi) * SLOTS;
    const hashes = this.hashes;
    const probe = this.probe;
    const other = this.other;
    for (let i = 0; i < n; i++) {
      if (addr[i] != ADDR_HASHED_LINES) {
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
    let touched: u32 = 0;
    for (let i = 0; i < n; i++) touched ^= t[probe[i]] ^ t[other[i]];
    this.touched ^= touched;
    for (let i = 0; i < n; i++) {
      if (addr[i] == ADDR_HASHED_LINES) lines[i] = this.claimLine(probe[i], hashes[i]);
      else lines[i] = lines[i] + step;
    }
  }

  /** Every counter of `slot` learns the bit. */
  update(bit: i32): void {
    const t = this.t;
    const n = this.n;
    const slot = this.slot;
    const limit = this.limit;
    for (let i = 0; i < n; i++) {
      const s = slot[i];
      t[s] = counterNext(t[s], bit, limit);
    }
  }

  /** Zeroes the first and last counter of page g of `t` and marks it written (context-table.ts firstWrite). */
  private firstWrite(g: i32): void {
    const t = this.t;
    this.written[g] = 1;
    const first = max<i32>(0, (g << PAGE_SHIFT) - PAGE_SKEW);
    const last = min<i32>(t.length - 1, ((g + 1) << PAGE_SHIFT) - 1 - PAGE_SKEW);
    if (first > last) return;
    t[first] = 0;
    t[last] = 0;
  }

  /** The first candidate line of hash h (the other is index ^ SLOTS), its pages first written. */
  // @ts-ignore: decorator
  @inline private lineOf(h: i32): i32 {
    const b = (DIRECT_LINES + <i32>(<u32>h >>> this.pairShift) * 2 + ((h >>> 16) & 1)) * SLOTS;
    const written = this.written;
    const g0 = ((b & ~SLOTS) + PAGE_SKEW) >>> PAGE_SHIFT;
    const g1 = ((b | SLOTS) + SLOTS - 1 + PAGE_SKEW) >>> PAGE_SHIFT;
    if (written[g0] == 0) this.firstWrite(g0);
    if (written[g1] == 0) this.firstWrite(g1);
    return b;
  }

  /** The first candidate line of a second nibble with hash h, in the page of its first nibble's line `first`. */
  // @ts-ignore: decorator
  @inline private secondLineOf(first: i32, h: i32): i32 {
    let page = ((first + PAGE_SKEW) >>> PAGE_SHIFT) << PAGE_SHIFT;
    const below = page - (1 << PAGE_SHIFT);
    if (page < this.hashedStart) page = this.hashedStart;
    else if (page > this.t.length - (1 << PAGE_SHIFT)) page = below;
    const b = page + ((h >>> 27) << 5) + ((h >>> 16) & 1) * SLOTS;
    const g = (b + SLOTS - 1 + PAGE_SKEW) >>> PAGE_SHIFT;
    if (this.written[g] == 0) this.firstWrite(g);
    const g0 = (b + PAGE_SKEW) >>> PAGE_SHIFT;
    if (this.written[g0] == 0) this.firstWrite(g0);
    return b;
  }

  /** Line b0 or the other of its pair, whichever holds h's check value; else the one seen less is claimed. */
  // @ts-ignore: decorator
  @inline private claimLine(b0: i32, h: i32): i32 {
    const t = this.t;
    const check = <u32>((h & 0xffff) | 0x10000);
    if (t[b0] == check) return b0;
    const other = b0 ^ SLOTS;
    if (t[other] == check) return other;
    const victim = (t[b0 + 1] & COUNT_MASK) <= (t[other + 1] & COUNT_MASK) ? b0 : other;
    t[victim] = check;
    for (let i = 1; i < SLOTS; i++) t[victim + i] = 0;
    return victim;
  }
}
