// Test hooks (test/kernel): one second output neuron, with hidden logits the test writes.
import { SecondOutput } from '../second-output';
import { Table } from '../table';

let second: SecondOutput | null = null;
let h: Table<f64> | null = null;

export function hookSecondNew(hidden: i32, sets: i32, learningRate: f64, skip: f64): void {
  second = new SecondOutput(hidden, sets, learningRate, skip);
  h = new Table<f64>(hidden + 1);
}
export function hookSecondSetH(k: i32, v: f64): void {
  h![k] = v;
}
export function hookSecondForward(set: i32): i32 {
  return second!.forward(h!, set);
}
export function hookSecondTrain(bit: i32): void {
  second!.train(h!, bit);
}
export function hookSecondWeight(i: i32): f64 {
  return second!.v[i];
}
