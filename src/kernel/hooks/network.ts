// Test hooks (test/kernel): one bit network, with the settings' learning constants.
import { Network, NetworkN } from '../network';
import { INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP } from '../settings';

let net: Network | null = null;
const sets = new StaticArray<i32>(2);

export function hookNetNew(inputs: i32, sets0: i32, sets1: i32, outputSets: i32): void {
  net = new Network(inputs, sets0, sets1, outputSets, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP);
}
export function hookNetSetX(i: i32, v: f64): void {
  net!.x[i] = v;
}
export function hookNetSetActive(active: i32): void {
  net!.active = active;
}
export function hookNetForward(set0: i32, set1: i32, outputSet: i32): i32 {
  unchecked((sets[0] = set0));
  unchecked((sets[1] = set1));
  return net!.forward(sets, outputSet);
}
export function hookNetP(): i32 {
  return net!.p;
}
export function hookNetH(k: i32): f64 {
  return net!.h[k];
}
export function hookNetTrain(bit: i32): void {
  net!.train(bit);
}
export function hookNetSetLearningRate(rate: f64): void {
  net!.setLearningRate(rate);
}
export function hookNetWeight(i: i32): f64 {
  return net!.weights[i];
}
export function hookNetOutputWeight(i: i32): f64 {
  return net!.v[i];
}

// One network of N neurons (NetworkN), with level 9's output learning rate passed in.
let netN: NetworkN | null = null;
let setsN: StaticArray<i32> = new StaticArray<i32>(0);

/** Room for the neurons' numbers of sets: JavaScript writes them (i32 each), then calls hookNetNNew. */
export function hookNetNSets(hidden: i32): usize {
  setsN = new StaticArray<i32>(hidden);
  return changetype<usize>(setsN);
}
export function hookNetNNew(inputs: i32, outputSets: i32, outputLearningRate: f64): void {
  netN = new NetworkN(inputs, setsN, outputSets, INITIAL_WEIGHT, LEARNING_RATE, outputLearningRate, SKIP);
}
export function hookNetNSetX(i: i32, v: f64): void {
  netN!.x[i] = v;
}
export function hookNetNSetActive(active: i32): void {
  netN!.active = active;
}
/** Forward with the weight sets JavaScript wrote at hookNetNSets' address. */
export function hookNetNForward(outputSet: i32): i32 {
  return netN!.forward(setsN, outputSet);
}
export function hookNetNP(): i32 {
  return netN!.p;
}
export function hookNetNH(k: i32): f64 {
  return netN!.h[k];
}
export function hookNetNTrain(bit: i32): void {
  netN!.train(bit);
}
export function hookNetNSetLearningRate(rate: f64): void {
  netN!.setLearningRate(rate);
}
export function hookNetNWeight(i: i32): f64 {
  return netN!.weights[i];
}
export function hookNetNOutputWeight(i: i32): f64 {
  return netN!.v[i];
}
