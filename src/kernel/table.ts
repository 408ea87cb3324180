/**
 * A table of numbers in the instance's memory, zero at the start without a
 * fill: the stub runtime (`--runtime stub`) only ever bumps its heap, so
 * memory it hands out has never been written, and pages of a big table that
 * the data never reaches are never touched (as the JavaScript model's
 * lazily zeroed typed arrays). No bounds checks: indexes are the part's
 * own business, as in the JavaScript original (tests compare the two).
 */
@final export class Table<T> {
  readonly ptr: usize;
  readonly length: i32;

  constructor(length: i32) {
    this.length = length;
    this.ptr = heap.alloc(<usize>length << alignof<T>());
  }

  // @ts-ignore: decorator
  @inline @operator('[]') get(i: i32): T {
    return load<T>(this.ptr + (<usize>i << alignof<T>()));
  }

  // @ts-ignore: decorator
  @inline @operator('[]=') set(i: i32, v: T): void {
    store<T>(this.ptr + (<usize>i << alignof<T>()), v);
  }

  /** Sets entries [from, to) to v (for tables that do not start at zero). */
  fill(v: T, from: i32, to: i32): void {
    for (let i = from; i < to; i++) store<T>(this.ptr + (<usize>i << alignof<T>()), v);
  }
}
