// src/model/predictor.ts for exactly presetFor(6) of model 3: the parts
// wired into the object the coder drives (runs, guesses, bits), its preset's
// values as constants. Branches other presets take are dropped (one-line
// comments say which); every operation runs in the original's order.
import { Apm } from './apm';
import { ContextTable } from './context-table';
import { hashContexts, nextWordHash } from './contexts';
import { counterLogit } from './counter';
import { CountMaps } from './count-maps';
import { FieldCopy } from './field-copy';
import { GuessOffer } from './guess';
import { LineTracker } from './line-tracker';
import { MATCH_RECENT_BITS, MatchModel } from './match-model';
import { Network } from './network';
import { NumericInput, NumericTracker } from './numeric';
import { RUN_MAX } from './run';
import { RunOffer } from './run-offer';
import { APM_RATE_SHIFT, BIAS, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP } from './settings';
import { Table } from './table';
import { WeakGuess } from './weak-guess';
import { WordTracker } from './word-tracker';

// presetFor(6) of model 3.
const TABLE_BITS: i32 = 18;
const HISTORY_BITS: i32 = 22;
const MATCH_BITS: i32 = 20;
const COUNTER_LIMIT: i32 = 127;
const GUESS_THRESHOLD: i32 = 42598;
const TEXT_GUESS_THRESHOLD: i32 = 52428;
const PROSE_GUESS_THRESHOLD: i32 = 64225;
const NUMERIC_GUESS_THRESHOLD: i32 = 52428;
const RUN_THRESHOLD: i32 = 62259;
const EXPECT_BITS: i32 = 16; // min(EXPECT_MAX_BITS, tableBits)
const COUNT_MAP_RATE_SHIFT: i32 = 8;
/** Contexts: Order3, Column, FieldPosition, Word, NumericDiff, FieldCopy, then the text ones Order2, Order4, WordFolded, WordPair. */
const KINDS: StaticArray<i32> = [2, 6, 11, 5, 20, 22, 1, 3, 12, 13];
/** Text mode's: Column replaced by Order0. */
const TEXT_KINDS: StaticArray<i32> = [2, 8, 11, 5, 20, 22, 1, 3, 12, 13];
const BASE_KINDS: StaticArray<i32> = [2, 6, 11, 5, 20, 22];
const N: i32 = 10; // contexts
const B: i32 = 6; // base (log) contexts
const NUMERIC_DIFF_AT: i32 = 4;
const FIELD_COPY_AT: i32 = 5;
// Inputs: contexts 0-5, match 6, weak guess 7, numeric input 8, bias 9, text contexts 10-13.
const MATCH_INPUT: i32 = 6;
const WEAK_INPUT: i32 = 7;
const NUMERIC_INPUT_AT: i32 = 8;
const INPUTS: i32 = 14;
const TEXT_SHIFT: i32 = 4;
const APM1_SHARE: i32 = 3; // numericApm
const PRESET_APM_STAGES: i32 = 1;
const TEXT_APM_STAGES: i32 = 2; // textApm: max(2, apmStages)

/**
 * The constants above that are presetFor(6)'s values, in the order
 * test/kernel/predictor.test.ts compares them with ModelPreset's tableBits,
 * historyBits, matchBits, counterLimit, guessThreshold, textGuessThreshold,
 * proseGuessThreshold, numericGuessThreshold, runThreshold, apmStages.
 */
export const PRESET_VALUES: StaticArray<i32> = [TABLE_BITS, HISTORY_BITS, MATCH_BITS, COUNTER_LIMIT, GUESS_THRESHOLD, TEXT_GUESS_THRESHOLD, PROSE_GUESS_THRESHOLD, NUMERIC_GUESS_THRESHOLD, RUN_THRESHOLD, PRESET_APM_STAGES];

// Shared with predictor78.ts (levels 7 and 8: level 6's text mode).
export const MODE_UNSET: i32 = -1;
export const MODE_LOG: i32 = 0;
export const MODE_TEXT: i32 = 1;

// @ts-ignore: decorator
@inline export function isProseByte(c: i32): bool {
  return <u32>(c - 32) < 95 || c == 10;
}

@inline function letterClass(c: i32): i32 {
  return c == 32 ? 0 : c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : 3;
}

// @ts-ignore: decorator
@inline export function textWeightSet(c4: i32, matchLength: i32): i32 {
  return ((matchLength > 0 ? 16 : 0) | (letterClass((c4 >>> 8) & 255) << 2) | letterClass(c4 & 255)) << 3;
}

@final export class Predictor {
  private readonly table: ContextTable;
  private readonly match: MatchModel;
  private readonly line: LineTracker = new LineTracker();
  private readonly words: WordTracker = new WordTracker();
  private keepWords: bool = true;
  private readonly weak: WeakGuess = new WeakGuess();
  private readonly guesses: GuessOffer;
  private readonly numeric: NumericTracker = new NumericTracker();
  private readonly numericInput: NumericInput = new NumericInput();
  private readonly fieldCopy: FieldCopy = new FieldCopy();
  private readonly net: Network;
  private readonly x: Table<f64>;
  private readonly counts: CountMaps;
  private countsInUse: bool = true;
  private readonly sets: StaticArray<i32> = new StaticArray<i32>(2);
  private readonly hashScratch: StaticArray<i32> = new StaticArray<i32>(N);
  private apmStages: i32 = TEXT_APM_STAGES;
  private readonly apm1: Apm;
  private readonly apm2: Apm;
  private apm1Row: i32 = 0;
  private c0: i32 = 1;
  private ci: i32 = 1;
  private bitPos: i32 = 0;
  private c4: i32 = 0;
  private c8: i32 = 0;
  private wordHash: i32 = 0;
  private fieldNumberSet: i32 = 0;
  private excluded: i32 = 0;
  private forced: bool = false;
  private guessedShare: i32 = 32767;
  private textMode: i32 = MODE_UNSET;
  private readonly runs: RunOffer;
  private runPending: bool = false;
  private readonly runBytes: Table<u8> = new Table<u8>(RUN_MAX);

  constructor() {
    // Neurons by PartialByte (256 sets) and FieldNumber (32 × 8), output by bit position.
    this.runs = new RunOffer(RUN_THRESHOLD);
    this.counts = new CountMaps(N, COUNT_MAP_RATE_SHIFT);
    this.table = new ContextTable(KINDS, TABLE_BITS, COUNTER_LIMIT, true);
    // (No bit histories, record model, log contexts, second output, learning schedule, match APM at level 6.)
    this.match = new MatchModel(HISTORY_BITS, MATCH_BITS, MATCH_RECENT_BITS);
    this.guesses = new GuessOffer(GUESS_THRESHOLD, EXPECT_BITS, COUNTER_LIMIT, true, NUMERIC_GUESS_THRESHOLD);
    const net = new Network(INPUTS, 256, 32 * 8, 8, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP);
    this.net = net;
    this.apm1 = new Apm(8 * 256, APM_RATE_SHIFT); // by c0 and the numeric state (numericApm)
    this.apm2 = new Apm(65536, APM_RATE_SHIFT); // by c0 and the last byte
    // (apm3: apmStages never exceeds 2 at level 6.)
    this.x = net.x;
    net.x[B + TEXT_SHIFT - 1] = BIAS;
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
    let share = this.guessedShare;
    let c4 = this.c4;
    let c8 = this.c8;
    let wordHash = this.wordHash;
    const runs = this.runs;
    for (let k = 0; k < n; k++) {
      const c = <i32>bytes[k];
      share += (65536 - share) >> 8;
      runs.byteDone(c);
      wordHash = nextWordHash(wordHash, c);
    }
    match.takeRun(n, c4, c8);
    for (let k = 0; k < n; k++) {
      c8 = (c8 << 8) | (c4 >>> 24);
      c4 = (c4 << 8) | <i32>bytes[k];
    }
    this.guessedShare = share;
    this.c4 = c4;
    this.c8 = c8;
    this.wordHash = wordHash;
    this.line.takeRun(bytes.ptr, n);
    const numeric = this.numeric;
    for (let k = 0; k < n; k++) numeric.push(<i32>bytes[k]);
    const fieldCopy = this.fieldCopy;
    for (let k = 0; k < n; k++) fieldCopy.push(<i32>bytes[k]);
    // (No record model or log contexts at level 6.)
    if (this.keepWords) for (let k = 0; k < n; k++) this.words.push(<i32>bytes[k]);
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
    const numericGuess = guesses.numeric;
    if ((hit != 0) == numericGuess) this.match.stop();
    if (hit) {
      this.guessedShare += (65536 - this.guessedShare) >> 8;
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
    const n = table.n;
    const b = n < B ? n : B;
    if (!this.countsInUse) {
      for (let i = 0; i < b; i++) {
        const s = line[i] + ci;
        slot[i] = s;
        x[i] = <f64>counterLogit(t[s]);
      }
      // (Out of text mode n = b: no text contexts; with count maps (text mode) they go below.)
      if (b < n) this.textInputs(x, t, line, slot, ci, b, n);
    } else {
      const counts = this.counts;
      for (let i = 0; i < n; i++) {
        const s = line[i] + ci;
        slot[i] = s;
        x[i < b ? i : i + TEXT_SHIFT] = <f64>counts.input(i, t[s]);
      }
    }
    const match = this.match;
    x[MATCH_INPUT] = <f64>match.input(c0, bitPos);
    x[WEAK_INPUT] = <f64>this.weak.input(c0, bitPos, this.guesses.hitP);
    x[NUMERIC_INPUT_AT] = <f64>this.numericInput.input(ci);
    const sets = this.sets;
    unchecked((sets[0] = c0)); // Sel.PartialByte
    unchecked((sets[1] = this.fieldNumberSet | bitPos)); // Sel.FieldNumber
    const d = this.net.forward(sets, bitPos);
    const pMix = this.net.p;
    const p1 = this.apm1.refine(d, this.apm1Row | c0);
    const mix1 = (pMix * (4 - APM1_SHARE) + p1 * APM1_SHARE) >> 2;
    if (this.apmStages == 1) return mix1;
    const p2 = this.apm2.refine(d, c0 | ((this.c4 & 0xff) << 8));
    return (pMix + p1 + 2 * p2) >> 2;
  }

  private textInputs(x: Table<f64>, t: Table<u32>, line: Table<i32>, slot: Table<i32>, ci: i32, b: i32, n: i32): void {
    for (let i = b; i < n; i++) {
      const s = line[i] + ci;
      slot[i] = s;
      x[i + TEXT_SHIFT] = <f64>counterLogit(t[s]);
    }
  }

  update(bit: i32): void {
    const forced = this.forced;
    this.forced = false;
    if (!forced) {
      this.table.update(bit);
      if (this.countsInUse) this.counts.learn(bit, this.table.n);
      this.match.learn(bit);
      this.weak.learn(bit);
      this.numericInput.learn(bit);
      this.net.train(bit);
      this.apm1.update(bit);
      if (this.apmStages > 1) this.apm2.update(bit);
    }
    this.c0 = (this.c0 << 1) | bit;
    this.ci = (this.ci << 1) | bit;
    this.bitPos++;
    if (this.bitPos == 8) {
      const c = this.c0 & 255;
      const predicted = this.guesses.predicted;
      if (predicted >= 0) this.guesses.expect.update(predicted == c ? 1 : 0);
      this.runs.guessed(0);
      this.guessedShare -= this.guessedShare >> 8;
      this.endByte(c);
      this.startByte();
    } else if (this.bitPos == 4) {
      this.table.selectSecond(this.c0 & 15);
      this.numericInput.selectSecond(this.c0 & 15);
      this.ci = 1; // nibbleLines
    }
  }

  private endByte(c: i32): void {
    this.runs.byteDone(c);
    this.c8 = (this.c8 << 8) | (this.c4 >>> 24);
    this.c4 = (this.c4 << 8) | c;
    this.wordHash = nextWordHash(this.wordHash, c);
    this.match.push(c, this.c4, this.c8);
    this.line.push(c);
    this.numeric.push(c);
    this.fieldCopy.push(c);
    if (this.keepWords) this.words.push(c);
  }

  private startByte(): void {
    this.c0 = 1;
    this.ci = 1;
    this.bitPos = 0;
    this.excluded = 0;
    const line = this.line;
    line.look();
    // (Sel.Above, Sel.PreviousByte, FieldOffset, FieldShape: no neuron of level 6 reads them.)
    const field = line.field;
    this.fieldNumberSet = (field < 31 ? field : 31) << 3;
    this.runPending = true;
  }

  private offerGuess(): bool {
    const prose = isProseByte(this.c4 & 255);
    this.guesses.threshold = this.guessedShare >= 32768 ? GUESS_THRESHOLD : prose ? PROSE_GUESS_THRESHOLD : TEXT_GUESS_THRESHOLD;
    // Numeric guesses out of text mode only (expectedDigit only caches its target: calling it earlier than the JS changes nothing).
    const digit = this.guessedShare >= 32768 ? this.numeric.expectedDigit() : -1;
    return this.guesses.offer(this.match, this.line, this.c4, this.c8, this.weak, digit);
  }

  private switchMode(text: bool): void {
    const fromLog = this.textMode == MODE_LOG;
    this.textMode = text ? MODE_TEXT : MODE_LOG;
    this.table.n = text ? N : B;
    this.net.active = text ? INPUTS : B + TEXT_SHIFT;
    if (!text) for (let i = this.net.active; i < INPUTS; i++) this.x[i] = 0;
    this.apmStages = text ? TEXT_APM_STAGES : PRESET_APM_STAGES;
    this.countsInUse = text;
    this.keepWords = text;
    this.words.resetWhen(text && fromLog);
  }

  private selectFirstNibble(): void {
    const text = this.guessedShare < 32768;
    const mode = text ? MODE_TEXT : MODE_LOG;
    if (mode != this.textMode) this.switchMode(text);
    const kinds = text ? TEXT_KINDS : BASE_KINDS;
    if (text) this.fieldNumberSet = textWeightSet(this.c4, this.match.len);
    const scratch = this.hashScratch;
    hashContexts(kinds, scratch, this.c4, this.c8, this.wordHash, this.line, this.words);
    const hashes = this.table.hashes;
    for (let i = 0; i < kinds.length; i++) hashes[i] = unchecked(scratch[i]);
    const numeric = this.numeric;
    hashes[NUMERIC_DIFF_AT] = numeric.diffHash(this.c4 & 255);
    this.apm1Row = numeric.diffState << 8;
    this.numericInput.select(numeric, this.excluded, this.c4 & 255);
    hashes[FIELD_COPY_AT] = this.fieldCopy.hash();
    this.table.selectFirst();
  }
}
