// src/model/predictor.ts for exactly presetFor(1) of model 3: contexts
// Order1 (direct), Order3, Column, FieldPosition; one neuron by the partial
// byte; runs and guesses; no APM. Its preset's values are constants.
// Left out, as level 1 never reaches them: text mode (no gated contexts:
// switchMode never runs, so the mode, the text thresholds and guessedShare,
// read only there and for numeric guesses, are dropped), count maps, words
// (no word context: the word hash and the word tracker's bytes are
// dropped), the numeric tracker and input, field copy, records, log
// contexts, bit histories, the second output, the learning schedule, APMs
// (apmStages 0: predict returns the network's p). Every operation that is
// left runs in the original's order.
import { ContextTable } from './context-table';
import { hashContexts } from './contexts';
import { counterLogit } from './counter';
import { GuessOffer } from './guess';
import { LineTracker } from './line-tracker';
import { MATCH_RECENT_BITS, MatchModel } from './match-model';
import { Network1 } from './network';
import { RUN_MAX } from './run';
import { RunOffer } from './run-offer';
import { BIAS, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP } from './settings';
import { Table } from './table';
import { WeakGuess } from './weak-guess';
import { WordTracker } from './word-tracker';

// presetFor(1) of model 3.
const TABLE_BITS: i32 = 16;
const HISTORY_BITS: i32 = 20;
const MATCH_BITS: i32 = 18;
const COUNTER_LIMIT: i32 = 127;
const GUESS_THRESHOLD: i32 = 0;
const RUN_THRESHOLD: i32 = 58982;
const EXPECT_BITS: i32 = 16; // min(EXPECT_MAX_BITS, tableBits)
/** Contexts: Order1, Order3, Column, FieldPosition. */
const KINDS: StaticArray<i32> = [0, 2, 6, 11];
const N: i32 = 4;
/** Order1's hash is the last byte (contexts.ts; the kernel's hashContexts leaves Order1 out). */
const ORDER1_AT: i32 = 0;
/**
 * The constants above that are presetFor(1)'s values, in the order
 * test/kernel/predictor1.test.ts compares them with ModelPreset's tableBits,
 * historyBits, matchBits, counterLimit, guessThreshold, runThreshold,
 * apmStages (0: no APM), numericGuessThreshold and textGuessThreshold (-1: none).
 */
export const PRESET_VALUES1: StaticArray<i32> = [TABLE_BITS, HISTORY_BITS, MATCH_BITS, COUNTER_LIMIT, GUESS_THRESHOLD, RUN_THRESHOLD, 0, -1, -1];
// Inputs: contexts 0-3, match 4, weak guess 5, bias 6.
const MATCH_INPUT: i32 = 4;
const WEAK_INPUT: i32 = 5;
const INPUTS: i32 = 7;

@final export class Predictor1 {
  private readonly table: ContextTable;
  private readonly match: MatchModel;
  private readonly line: LineTracker = new LineTracker();
  /** Never fed (no word context): hashContexts' argument only. */
  private readonly words: WordTracker = new WordTracker();
  private readonly weak: WeakGuess = new WeakGuess();
  private readonly guesses: GuessOffer;
  private readonly net: Network1;
  private readonly x: Table<f64>;
  private readonly hashScratch: StaticArray<i32> = new StaticArray<i32>(N);
  private c0: i32 = 1;
  private ci: i32 = 1;
  private bitPos: i32 = 0;
  private c4: i32 = 0;
  private c8: i32 = 0;
  private excluded: i32 = 0;
  private forced: bool = false;
  private readonly runs: RunOffer;
  private runPending: bool = false;
  private readonly runBytes: Table<u8> = new Table<u8>(RUN_MAX);

  constructor() {
    this.runs = new RunOffer(RUN_THRESHOLD);
    this.table = new ContextTable(KINDS, TABLE_BITS, COUNTER_LIMIT, true);
    this.match = new MatchModel(HISTORY_BITS, MATCH_BITS, MATCH_RECENT_BITS);
    // (No numeric tracker: no numeric guesses, threshold -1.)
    this.guesses = new GuessOffer(GUESS_THRESHOLD, EXPECT_BITS, COUNTER_LIMIT, true, -1);
    // One neuron by PartialByte (256 sets), output by bit position.
    const net = new Network1(INPUTS, 256, 8, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP);
    this.net = net;
    this.x = net.x;
    net.x[INPUTS - 1] = BIAS;
    this.startByte();
  }

  expected(): i32 {
    return this.guesses.byte;
  }

  runLength(left: i32): i32 {
    if (!this.runPending) return 0;
    this.runPending = false;
    const n = this.runs.offer(this.match, this.line, left);
    if (n == 0) this.afterRunDecision(false);
    return n;
  }

  runByte(k: i32): i32 {
    return this.match.ahead(k);
  }

  predictRun(): i32 {
    return this.runs.p;
  }

  updateRun(hit: i32): void {
    const n = this.runs.learn(hit);
    if (hit) this.takeRun(n);
    this.afterRunDecision(hit != 0);
  }

  private takeRun(n: i32): void {
    const bytes = this.runBytes;
    const match = this.match;
    for (let k = 0; k < n; k++) bytes[k] = <u8>match.ahead(k);
    let c4 = this.c4;
    let c8 = this.c8;
    const runs = this.runs;
    for (let k = 0; k < n; k++) runs.byteDone(<i32>bytes[k]);
    match.takeRun(n, c4, c8);
    for (let k = 0; k < n; k++) {
      c8 = (c8 << 8) | (c4 >>> 24);
      c4 = (c4 << 8) | <i32>bytes[k];
    }
    this.c4 = c4;
    this.c8 = c8;
    this.line.takeRun(bytes.ptr, n);
  }

  private afterRunDecision(runHit: bool): void {
    if (runHit) this.startByte();
    else if (!this.offerGuess()) this.selectFirstNibble();
  }

  predictHit(): i32 {
    return this.guesses.hitP;
  }

  updateHit(hit: i32): void {
    const guesses = this.guesses;
    guesses.expect.update(hit);
    this.runs.guessed(hit);
    const guess = guesses.byte;
    guesses.byte = -1;
    // (Never a numeric guess at level 1: a miss ends the match.)
    const numericGuess = guesses.numeric;
    if ((hit != 0) == numericGuess) this.match.stop();
    if (hit) {
      this.endByte(guess);
      this.startByte();
      return;
    }
    this.excluded = guess | 256;
    this.selectFirstNibble();
  }

  predict(): i32 {
    const c0 = this.c0;
    const ci = this.ci;
    const bitPos = this.bitPos;
    const excluded = this.excluded;
    const forced = bitPos == 7 && <u32>excluded >>> 1 == <u32>c0;
    this.forced = forced;
    if (forced) return 65535 - 65534 * (excluded & 1);
    const x = this.x;
    const table = this.table;
    const t = table.t;
    const line = table.line;
    const slot = table.slot;
    for (let i = 0; i < N; i++) {
      const s = line[i] + ci;
      slot[i] = s;
      x[i] = <f64>counterLogit(t[s]);
    }
    x[MATCH_INPUT] = <f64>this.match.input(c0, bitPos);
    x[WEAK_INPUT] = <f64>this.weak.input(c0, bitPos, this.guesses.hitP);
    // Sel.PartialByte; the output by bit position.
    this.net.forward(c0, bitPos);
    return this.net.p;
  }

  update(bit: i32): void {
    const forced = this.forced;
    this.forced = false;
    if (!forced) {
      this.table.update(bit);
      this.match.learn(bit);
      this.weak.learn(bit);
      this.net.train(bit);
    }
    this.c0 = (this.c0 << 1) | bit;
    this.ci = (this.ci << 1) | bit;
    this.bitPos++;
    if (this.bitPos == 8) {
      const c = this.c0 & 255;
      const predicted = this.guesses.predicted;
      if (predicted >= 0) this.guesses.expect.update(predicted == c ? 1 : 0);
      this.runs.guessed(0);
      this.endByte(c);
      this.startByte();
    } else if (this.bitPos == 4) {
      this.table.selectSecondDirect(this.c0 & 15);
      this.ci = 1; // nibbleLines
    }
  }

  private endByte(c: i32): void {
    this.runs.byteDone(c);
    this.c8 = (this.c8 << 8) | (this.c4 >>> 24);
    this.c4 = (this.c4 << 8) | c;
    this.match.push(c, this.c4, this.c8);
    this.line.push(c);
  }

  private startByte(): void {
    this.c0 = 1;
    this.ci = 1;
    this.bitPos = 0;
    this.excluded = 0;
    this.line.look();
    // (Sel.Above, PreviousByte, FieldNumber, FieldOffset, FieldShape: the one neuron reads only PartialByte.)
    this.runPending = true;
  }

  private offerGuess(): bool {
    // (textGuessThreshold -1: the threshold stays; no numeric tracker: no digit.)
    return this.guesses.offer(this.match, this.line, this.c4, this.c8, this.weak, -1);
  }

  private selectFirstNibble(): void {
    const scratch = this.hashScratch;
    // (The word hash is 0: Word, the only kind that reads it, is not a context of level 1.)
    hashContexts(KINDS, scratch, this.c4, this.c8, 0, this.line, this.words);
    const hashes = this.table.hashes;
    for (let i = 0; i < N; i++) hashes[i] = unchecked(scratch[i]);
    hashes[ORDER1_AT] = this.c4 & 0xff;
    this.table.selectFirstDirect();
  }
}
