// Test hooks (test/kernel): one run offer with its own match model and line
// tracker, driven as Predictor drives them (runLength, updateRun, takeRun,
// updateHit, update at bit 8, endByte).
import { LineTracker } from '../line-tracker';
import { MatchModel } from '../match-model';
import { RUN_MAX, RunModel } from '../run';
import { RunOffer } from '../run-offer';
import { Table } from '../table';

let offer: RunOffer | null = null;
let match: MatchModel | null = null;
let line: LineTracker | null = null;
const runBytes = new Table<u8>(RUN_MAX);

export function hookRunNew(threshold: i32, historyBits: i32, tableBits: i32, recentBits: i32): void {
  offer = new RunOffer(threshold);
  match = new MatchModel(historyBits, tableBits, recentBits);
  line = new LineTracker();
}
/** startByte's part: the line tracker looks up the previous sentence. */
export function hookRunLook(): void {
  line!.look();
}
export function hookRunOffer(left: i32): i32 {
  return offer!.offer(match!, line!, left);
}
export function hookRunP(): i32 {
  return offer!.p;
}
export function hookRunSpan(): i32 {
  return offer!.span;
}
export function hookRunStreak(): i32 {
  return offer!.streak;
}
export function hookRunLearn(hit: i32): i32 {
  return offer!.learn(hit);
}
export function hookRunGuessed(hit: i32): void {
  offer!.guessed(hit);
}
/** Predictor.takeRun's parts: the run's n bytes (the match's next ones) taken in. */
export function hookRunTakeRun(n: i32, c4: i32, c8: i32): void {
  const m = match!;
  const o = offer!;
  for (let k = 0; k < n; k++) runBytes[k] = <u8>m.ahead(k);
  for (let k = 0; k < n; k++) o.byteDone(<i32>runBytes[k]);
  m.takeRun(n, c4, c8);
  line!.takeRun(runBytes.ptr, n);
}
/** Predictor.endByte's parts (c4, c8 already moved on by c). */
export function hookRunEndByte(c: i32, c4: i32, c8: i32): void {
  offer!.byteDone(c);
  match!.push(c, c4, c8);
  line!.push(c);
}
export function hookRunMatchInput(c0: i32, bitPos: i32): i32 {
  return match!.input(c0, bitPos);
}
export function hookRunMatchLearn(bit: i32): void {
  match!.learn(bit);
}
export function hookRunMatchStop(): void {
  match!.stop();
}
export function hookRunMatchLen(): i32 {
  return match!.len;
}
export function hookRunMatchByte(): i32 {
  return match!.byte;
}
export function hookRunMatchAhead(k: i32): i32 {
  return match!.ahead(k);
}
function model(k: i32): RunModel {
  return k == 0 ? offer!.model : offer!.prefixModel;
}
/** Counter slot i of run model k (0: tokens, 1: prefixes). */
export function hookRunSlot(k: i32, i: i32): i32 {
  return model(k).slot[i];
}
/** A first-layer weight of run model k's network. */
export function hookRunWeight(k: i32, i: i32): f64 {
  return model(k).weight(i);
}
/** The network's output weights of run model k (0: v0, 1: v1) and its last p. */
export function hookRunNetP(k: i32): i32 {
  return model(k).net.p;
}
/** The line tracker's state the offer reads: 0 column, 1 field, 2 fieldPos. */
export function hookRunLine(k: i32): i32 {
  return k == 0 ? line!.column : k == 1 ? line!.field : line!.fieldPos;
}
/** The watched runs: 0 token len, 1 token pos, 2 prefix len, 3 prefix pos, 4 codedPrefix. */
export function hookRunWatch(k: i32): i32 {
  const o = offer!;
  return k == 0 ? o.watch.len : k == 1 ? o.watch.pos : k == 2 ? o.prefixWatch.len : k == 3 ? o.prefixWatch.pos : <i32>o.codedPrefix;
}
