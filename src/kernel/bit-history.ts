// src/model/bit-history.ts: per counter of the context table a byte of the
// last bits seen in its slot, and per context and history a count map row
// (level 9, log mode only). Nothing left out.
import { CountMaps } from './count-maps';
import { Table } from './table';

const SLOTS: i32 = 16;
/** Map rows per context: one per history. */
const ROWS: i32 = 256;

/** NEXT[2 h + bit]: the history after `bit`; the oldest bit leaves a full history (7 bits). */
const NEXT = new StaticArray<u8>(512);
for (let h = 0; h < 256; h++) {
  for (let bit = 0; bit < 2; bit++) {
    let n = h == 0 ? 2 | bit : (h << 1) | bit;
    if (n >= 256) n = (n & 127) | 128;
    unchecked((NEXT[2 * h + bit] = <u8>n));
  }
}

/** The byte of a line's check value kept in its history slot 0. */
// @ts-ignore: decorator
@inline function tagOf(check: u32): u8 {
  return <u8>((check ^ (check >>> 8)) & 255);
}

@final export class BitHistories {
  /** One history per counter of the context table (the same index). */
  readonly h: Table<u8>;
  /** Per context and history, a map of the counter's probability (its rows keyed by history). */
  private readonly maps: CountMaps;

  constructor(tableLength: i32, contexts: i32, rateShift: i32) {
    this.h = new Table<u8>(tableLength);
    this.maps = new CountMaps(contexts, rateShift, ROWS);
  }

  /** After the table selected its lines: a line claimed by another context gets empty histories. */
  own(t: Table<u32>, line: Table<i32>, n: i32): void {
    const h = this.h;
    for (let i = 0; i < n; i++) {
      const l = line[i];
      const tag = tagOf(t[l]);
      if (h[l] != tag) {
        h[l] = tag;
        memory.fill(h.ptr + <usize>(l + 1), 0, <usize>(SLOTS - 1));
      }
    }
  }

  /** The first n contexts' inputs for this bit, the first b at x[i], the others at x[i + shift], and their slots. */
  inputs(x: Table<f64>, t: Table<u32>, line: Table<i32>, slot: Table<i32>, ci: i32, n: i32, b: i32, shift: i32): void {
    const h = this.h;
    const maps = this.maps;
    for (let i = 0; i < n; i++) {
      const s = line[i] + ci;
      slot[i] = s;
      x[i < b ? i : i + shift] = <f64>maps.inputByRow(i, t[s], <i32>h[s]);
    }
  }

  /** The first n contexts' maps and histories learn the bit. */
  learn(slot: Table<i32>, n: i32, bit: i32): void {
    this.maps.learn(bit, n);
    const h = this.h;
    for (let i = 0; i < n; i++) {
      const s = slot[i];
      h[s] = unchecked(NEXT[2 * <i32>h[s] + bit]);
    }
  }
}
