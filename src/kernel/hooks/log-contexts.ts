// Test hooks (test/kernel): level 9's log contexts, with the contexts' kinds JavaScript writes.
import { LogContexts } from '../log-contexts';
import { Table } from '../table';

let log: LogContexts | null = null;
let kinds: StaticArray<i32> = new StaticArray<i32>(0);
let out: Table<i32> | null = null;

/** Room for n kinds: JavaScript writes them (i32 each) before hookLogNew(). */
export function hookLogKinds(n: i32): usize {
  kinds = new StaticArray<i32>(n);
  out = new Table<i32>(n);
  return changetype<usize>(kinds);
}
export function hookLogNew(): usize {
  log = new LogContexts(kinds);
  return out!.ptr;
}
export function hookLogHash(c1: i32): void {
  log!.hash(out!, c1);
}
export function hookLogShapeSet(): i32 {
  return log!.shapeSet();
}
export function hookLogBinary(): i32 {
  return log!.binary() ? 1 : 0;
}
export function hookLogPush(c: i32): void {
  log!.push(c);
}
