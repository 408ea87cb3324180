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
      return t.fill(0) as T;
    }
  }
  return make();
}
