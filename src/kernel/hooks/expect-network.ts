// Test hooks (test/kernel): one ExpectNetwork2 and one RunNetwork.
import { ExpectNetwork2, RunNetwork } from '../expect-network';

let enet: ExpectNetwork2 | null = null;
let rnet: RunNetwork | null = null;

export function hookEnetNew(sets0: i32, sets1: i32, learningRate: f64): void {
  enet = new ExpectNetwork2(sets0, sets1, learningRate);
}
export function hookEnetSetX(i: i32, v: f64): void {
  enet!.x[i] = v;
}
export function hookEnetForward(set0: i32, set1: i32): i32 {
  return enet!.forward(set0, set1);
}
export function hookEnetP(): i32 {
  return enet!.p;
}
export function hookEnetTrain(bit: i32): void {
  enet!.train(bit);
}
export function hookEnetWeight(k: i32, i: i32): f64 {
  return enet!.weight(k, i);
}
export function hookRnetNew(sets: i32): void {
  rnet = new RunNetwork(sets);
}
export function hookRnetSetX(i: i32, v: f64): void {
  rnet!.x[i] = v;
}
export function hookRnetForward(set0: i32): i32 {
  return rnet!.forward(set0);
}
export function hookRnetP(): i32 {
  return rnet!.p;
}
export function hookRnetTrain(bit: i32): void {
  rnet!.train(bit);
}
export function hookRnetWeight(i: i32): f64 {
  return rnet!.weight(i);
}
