/**
 * A model's big tables, handed on when the model is retired: format 3
 * starts a fresh model at each block, and allocating its tables anew (64 MiB
 * at level 6) while the old ones wait for a garbage collection would hold
 * two models' memory at once. A new model takes a retired table of the same
 * type and length, zero-filled: exactly what a new typed array holds, so
 * the output cannot change. Retired tables are held weakly: those nobody
 * takes are collected as usual.
 */
export type Table = Uint8Array | Int32Array | Uint32Array;

let spare: Array<WeakRef<Table>> = [];

/** Offers the tables of a model that will never be used again. */
export function retireTables(tables: Table[]): void {
  spare = spare.filter((r) => r.deref() !== undefined);
  for (const t of tables) spare.push(new WeakRef(t));
}

/**
 * A zero-filled table: a retired one of the same type and length if there
 * is one, else a new one (from `make`, when the caller lays it out itself).
 */
export function zeroedTable<T extends Table>(
  type: new (length: number) => T,
  length: number,
  make: () => T = () => new type(length),
): T {
  for (let i = 0; i < spare.length; i++) {
    const t = spare[i].deref();
    if (t !== undefined && t.constructor === type && t.length === length) {
      spare.splice(i, 1);
      clearWritten(t);
      return t as T;
    }
  }
  return make();
}

/** The unit clearWritten() checks: a page. */
const PAGE_BYTES = 4096;

/**
 * Zero-fills `t`, writing only where it holds a non-zero value. fill(0)
 * would write every page, and so fault in the pages the retired model never
 * touched (level 6's 8 MiB last-byte map on a log: the rows of the bytes it
 * never saw), which then count in RSS for the rest of the stream; reading a
 * page never written maps the kernel's shared zero page instead (issue 11:
 * peak RSS rose by ~6 MiB at the second block). Each write spans at most
 * one page-sized range, from its first non-zero element to its last, so it
 * touches only pages that hold non-zero values.
 */
function clearWritten(t: Table): void {
  const step = PAGE_BYTES / t.BYTES_PER_ELEMENT;
  const n = t.length;
  for (let from = 0; from < n; from += step) {
    const to = Math.min(from + step, n);
    let first = from;
    while (first < to && t[first] === 0) first++;
    if (first === to) continue;
    let last = to - 1;
    while (t[last] === 0) last--;
    t.fill(0, first, last + 1);
  }
}
