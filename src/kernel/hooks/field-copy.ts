// Test hooks (test/kernel): one field copy.
import { FieldCopy } from '../field-copy';

let fieldCopy: FieldCopy | null = null;

export function hookFieldCopyNew(): void {
  fieldCopy = new FieldCopy();
}
export function hookFieldCopyPush(c: i32): void {
  fieldCopy!.push(c);
}
export function hookFieldCopyHash(): i32 {
  return fieldCopy!.hash();
}
