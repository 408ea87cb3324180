// Test hooks (test/kernel): the logistic tables as the kernel reads them.
import { squash, stretch } from '../logistic';

export function hookSquash(d: i32): i32 {
  return squash(d);
}
export function hookStretch(p: i32): i32 {
  return stretch(p);
}
