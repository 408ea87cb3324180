// src/model/predictor.ts for exactly presetFor(9) of model 3: 25 contexts
// (Order1 and Order0 direct, the rest hashed; the last 7 log contexts, in
// use out of text mode only), count maps in text mode and bit histories in
// log mode, eight neurons (one per selector) with outputs by the partial
// byte, a second output by the match length, the learning schedule, three
// APM stages (the first by the numeric state) and the match APM. Its
// preset's values are constants. Left out, as level 9 never reaches them:
// text contexts and textKinds (textContexts 0: the gated contexts are the
// log ones), the text and prose guess thresholds (-1: the one threshold
// stays), textSelector, textApm, numeric guesses (numericGuessThreshold -1),
// NumericDelta, and what switchMode does only without log contexts (count
// maps and words stay in use in both modes). Every operation that is left
// runs in the original's order.
import { Apm } from './apm';
import { BitHistories } from './bit-history';
import { ContextTable } from './context-table';
import { hashContexts9, nextWordHash } from './contexts';
import { CountMaps } from './count-maps';
import { FieldCopy } from './field-copy';
import { GuessOffer } from './guess';
import { LineTracker } from './line-tracker';
import { LogContexts } from './log-contexts';
import { LOGIT_LIMIT, SQUASH } from './logistic';
import { MATCH_RECENT_BITS, MatchModel } from './match-model';
import { NetworkN } from './network';
import { NumericInput, NumericTracker } from './numeric';
import { RecordModel } from './record';
import { RUN_MAX } from './run';
import { RunOffer } from './run-offer';
import { SecondOutput } from './second-output';
import { APM_RATE_SHIFT, BIAS, INITIAL_WEIGHT, SKIP } from './settings';
import { Table } from './table';
import { WeakGuess } from './weak-guess';
import { WordTracker } from './word-tracker';

// presetFor(9) of model 3.
const TABLE_BITS: i32 = 21;
const HISTORY_BITS: i32 = 24;
const MATCH_BITS: i32 = 22;
const COUNTER_LIMIT: i32 = 127;
const GUESS_THRESHOLD: i32 = 64225;
const RUN_THRESHOLD: i32 = 64880;
const EXPECT_BITS: i32 = 16; // min(EXPECT_MAX_BITS, tableBits)
const COUNT_MAP_RATE_SHIFT: i32 = 8;
/** Contexts: Order1, Order2, Order3, Column, Field, Order4, Word, FieldPosition, Order0, Order5, Sparse, NumericDiff, FieldCopy, WordFolded, WordPair, RecordAbove, RecordAboveLeft, RecordTwoAbove, then the log ones FieldAbove, FieldShape, FieldTwoAbove, FieldAboveBefore, LineShape, LineSkeleton, FieldTemplate. */
const KINDS: StaticArray<i32> = [0, 1, 2, 6, 7, 3, 5, 11, 8, 9, 10, 20, 22, 12, 13, 30, 31, 32, 42, 44, 45, 46, 51, 52, 53];
const BASE_KINDS: StaticArray<i32> = [0, 1, 2, 6, 7, 3, 5, 11, 8, 9, 10, 20, 22, 12, 13, 30, 31, 32];
const N: i32 = 25; // contexts
const B: i32 = 18; // base contexts
const NUMERIC_DIFF_AT: i32 = 11;
const FIELD_COPY_AT: i32 = 12;
const RECORD_ABOVE_AT: i32 = 15;
const RECORD_ABOVE_LEFT_AT: i32 = 16;
const RECORD_TWO_ABOVE_AT: i32 = 17;
// Inputs: contexts 0-17, match 18, weak guess 19, numeric input 20, bias 21, log contexts 22-28.
const MATCH_INPUT: i32 = 18;
const WEAK_INPUT: i32 = 19;
const NUMERIC_INPUT_AT: i32 = 20;
const INPUTS: i32 = 29;
const TEXT_SHIFT: i32 = 4;
/** The network's neurons: one per selector, in Sel order (PartialByte .. FieldShape), with SELECTOR_SETS' counts. */
const NEURON_SETS: StaticArray<i32> = [256, 64 * 8, 256, 32 * 8, 256, 8 * 256, 16 * 256, 1 << 12];
const SEL_PARTIAL_BYTE: i32 = 0;
const SEL_MATCH_LENGTH: i32 = 1;
const SEL_ABOVE: i32 = 2;
const SEL_FIELD_NUMBER: i32 = 3;
const SEL_PREVIOUS_BYTE: i32 = 4;
const SEL_NUMERIC_STATE: i32 = 5;
const SEL_FIELD_OFFSET: i32 = 6;
const SEL_FIELD_SHAPE: i32 = 7;
const OUTPUT_LEARNING_RATE: f64 = 0.002;
/** learningSchedule: the first layer's rate falls from START to END, half way after K bits trained. */
const SCHEDULE_START: f64 = 0.03;
const SCHEDULE_END: f64 = 0.01;
const SCHEDULE_K: f64 = 524288;

/**
 * The constants above that are presetFor(9)'s values, in the order
 * test/kernel/predictor9.test.ts compares them with ModelPreset's tableBits,
 * historyBits, matchBits, counterLimit, guessThreshold, runThreshold, the
 * number of contexts, logContexts (7: N - B), and secondOutput (1).
 */
export const PRESET_VALUES9: StaticArray<i32> = [TABLE_BITS, HISTORY_BITS, MATCH_BITS, COUNTER_LIMIT, GUESS_THRESHOLD, RUN_THRESHOLD, N, N - B, 1];

const MODE_UNSET: i32 = -1;
const MODE_LOG: i32 = 0;
const MODE_TEXT: i32 = 1;

@final export class Predictor9 {
  private readonly table: ContextTable;
  private readonly match: MatchModel;
  private readonly line: LineTracker = new LineTracker();
  /** Always fed: with log contexts switchMode never stops the words. */
  private readonly words: WordTracker = new WordTracker();
  private readonly weak: WeakGuess = new WeakGuess();
  private readonly guesses: GuessOffer;
  private readonly numeric: NumericTracker = new NumericTracker();
  private readonly numericInput: NumericInput = new NumericInput();
  private readonly fieldCopy: FieldCopy = new FieldCopy();
  private readonly records: RecordModel = new RecordModel();
  private recordsSilent: bool = false;
  private readonly net: NetworkN;
  private readonly x: Table<f64>;
  private readonly counts: CountMaps;
  private readonly second: SecondOutput;
  private trainedBits: i64 = 0;
  /** Each selector's weight set for this bit, by Sel value: also the neurons' sets (neuron k is selector k). */
  private readonly choice: StaticArray<i32> = new StaticArray<i32>(8);
  private readonly hashScratch: StaticArray<i32> = new StaticArray<i32>(N);
  private readonly apm1: Apm;
  private readonly apm2: Apm;
  private readonly apm3: Apm;
  private readonly apmMatch: Apm;
  private apm1Row: i32 = 0;
  private readonly logContexts: LogContexts;
  private fieldAboveSelector: bool = false;
  private readonly histories: BitHistories;
  private historiesOn: bool = false;
  private c0: i32 = 1;
  private ci: i32 = 1;
  private bitPos: i32 = 0;
  private c4: i32 = 0;
  private c8: i32 = 0;
  private wordHash: i32 = 0;
  private fieldOffsetSet: i32 = 0;
  private fieldNumberSet: i32 = 0;
  private excluded: i32 = 0;
  private forced: bool = false;
  private guessedShare: i32 = 32767;
  private textMode: i32 = MODE_UNSET;
  private readonly runs: RunOffer;
  private runPending: bool = false;
  private readonly runBytes: Table<u8> = new Table<u8>(RUN_MAX);

  constructor() {
    this.logContexts = new LogContexts(KINDS);
    this.runs = new RunOffer(RUN_THRESHOLD);
    this.counts = new CountMaps(N, COUNT_MAP_RATE_SHIFT);
    const table = new ContextTable(KINDS, TABLE_BITS, COUNTER_LIMIT, true);
    this.table = table;
    this.histories = new BitHistories(table.t.length, N, COUNT_MAP_RATE_SHIFT);
    this.match = new MatchModel(HISTORY_BITS, MATCH_BITS, MATCH_RECENT_BITS);
    // (numericGuessThreshold -1: no numeric guesses.)
    this.guesses = new GuessOffer(GUESS_THRESHOLD, EXPECT_BITS, COUNTER_LIMIT, true, -1);
    // Output sets by the partial byte (outputByPartialByte); the first layer's rate starts at the schedule's start.
    const net = new NetworkN(INPUTS, NEURON_SETS, 256, INITIAL_WEIGHT, SCHEDULE_START, OUTPUT_LEARNING_RATE, SKIP);
    this.net = net;
    this.second = new SecondOutput(8, 64 * 8, OUTPUT_LEARNING_RATE, SKIP); // by Sel.MatchLength
    this.x = net.x;
    this.apm1 = new Apm(8 * 256, APM_RATE_SHIFT); // by c0 and the numeric state (numericApm)
    this.apm2 = new Apm(65536, APM_RATE_SHIFT); // by c0 and the last byte
    this.apm3 = new Apm(65536, APM_RATE_SHIFT); // by c0 and the second-last byte
    this.apmMatch = new Apm(16 * 2 * 256, APM_RATE_SHIFT);
    net.x[B + TEXT_SHIFT - 1] = BIAS;
    // A stream starts in text mode: the log contexts are out.
    table.n = B;
    net.active = B + TEXT_SHIFT;
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
    const records = this.records;
    for (let k = 0; k < n; k++) records.push(<i32>bytes[k]);
    const words = this.words;
    for (let k = 0; k < n; k++) words.push(<i32>bytes[k]);
    const logContexts = this.logContexts;
    for (let k = 0; k < n; k++) logContexts.push(<i32>bytes[k]);
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
    // (The original's first loop, over context 0 only with count maps, is overwritten here: left out.)
    if (this.historiesOn) {
      this.histories.inputs(x, t, line, slot, ci, n, b, TEXT_SHIFT);
    } else {
      const counts = this.counts;
      for (let i = 0; i < n; i++) {
        const s = line[i] + ci;
        slot[i] = s;
        x[i < b ? i : i + TEXT_SHIFT] = <f64>counts.input(i, t[s]);
      }
    }
    if (this.recordsSilent) {
      x[RECORD_ABOVE_AT] = 0;
      x[RECORD_ABOVE_LEFT_AT] = 0;
      x[RECORD_TWO_ABOVE_AT] = 0;
    }
    const match = this.match;
    x[MATCH_INPUT] = <f64>match.input(c0, bitPos);
    x[WEAK_INPUT] = <f64>this.weak.input(c0, bitPos, this.guesses.hitP);
    x[NUMERIC_INPUT_AT] = <f64>this.numericInput.input(ci);
    const choice = this.choice;
    unchecked((choice[SEL_PARTIAL_BYTE] = c0));
    const len = match.len;
    const matchLength = len < 63 ? len : 63;
    unchecked((choice[SEL_MATCH_LENGTH] = (match.slot < 0 ? 0 : matchLength) * 8 + bitPos));
    unchecked((choice[SEL_FIELD_NUMBER] = this.fieldNumberSet | bitPos));
    unchecked((choice[SEL_FIELD_OFFSET] = this.fieldOffsetSet | c0));
    unchecked((choice[SEL_NUMERIC_STATE] = (this.numeric.diffState << 8) | c0));
    // (Sel.Above, Sel.PreviousByte and Sel.FieldShape are set once per byte, in startByte; neuron k is selector k.)
    const net = this.net;
    let d = net.forward(choice, c0);
    // The two output logits averaged (integers, as clamped by both).
    d = (d + this.second.forward(net.h, unchecked(choice[SEL_MATCH_LENGTH]))) >> 1;
    const pMix = unchecked(SQUASH[d + LOGIT_LIMIT]);
    const p1 = this.apm1.refine(d, this.apm1Row | c0);
    // (The one- and two-stage mixes are computed and unused in the original: three stages.)
    const p2 = this.apm2.refine(d, c0 | ((this.c4 & 0xff) << 8));
    const p3 = this.apm3.refine(d, c0 | (this.c4 & 0xff00));
    const p = (pMix + p1 + 3 * p2 + 3 * p3) >> 3;
    const len15 = len < 15 ? len : 15;
    const expectsWhenMatched = (len15 << 1) | ((match.byte >> (7 - bitPos)) & 1);
    const expects = match.slot < 0 ? 0 : expectsWhenMatched;
    return (p * 3 + this.apmMatch.refine(d, (expects << 8) | c0)) >> 2;
  }

  update(bit: i32): void {
    const forced = this.forced;
    this.forced = false;
    if (!forced) {
      this.table.update(bit);
      if (this.historiesOn) this.histories.learn(this.table.slot, this.table.n, bit);
      else this.counts.learn(bit, this.table.n);
      this.match.learn(bit);
      this.weak.learn(bit);
      this.numericInput.learn(bit);
      // Every 4096 bits trained, the first layer's rate moves on (learningSchedule).
      const trained = this.trainedBits + 1;
      this.trainedBits = trained;
      if ((<i32>trained & 4095) == 0) this.net.setLearningRate(SCHEDULE_END + ((SCHEDULE_START - SCHEDULE_END) * SCHEDULE_K) / (SCHEDULE_K + <f64>trained));
      this.net.train(bit);
      this.second.train(this.net.h, bit);
      this.apm1.update(bit);
      this.apm2.update(bit);
      this.apm3.update(bit);
      this.apmMatch.update(bit);
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
      const table = this.table;
      table.selectSecondDirect(this.c0 & 15);
      this.numericInput.selectSecond(this.c0 & 15);
      if (this.historiesOn) this.histories.own(table.t, table.line, table.n);
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
    this.records.push(c);
    this.words.push(c);
    this.logContexts.push(c);
  }

  private startByte(): void {
    this.c0 = 1;
    this.ci = 1;
    this.bitPos = 0;
    this.excluded = 0;
    const line = this.line;
    line.look();
    const choice = this.choice;
    unchecked((choice[SEL_ABOVE] = (this.fieldAboveSelector ? line.fieldByte : line.above) & 255));
    unchecked((choice[SEL_PREVIOUS_BYTE] = this.c4 & 255));
    const fieldPos = line.fieldPos;
    this.fieldOffsetSet = (fieldPos < 15 ? fieldPos : 15) << 8;
    unchecked((choice[SEL_FIELD_SHAPE] = this.logContexts.shapeSet()));
    const field = line.field;
    this.fieldNumberSet = (field < 31 ? field : 31) << 3;
    this.runPending = true;
  }

  private offerGuess(): bool {
    // (textGuessThreshold -1: the threshold stays; numericGuessThreshold -1: no numeric digit.)
    return this.guesses.offer(this.match, this.line, this.c4, this.c8, this.weak, -1);
  }

  /** Log mode (`text` false) has every context, the field above as Sel.Above and the bit histories; text mode the base contexts and count maps. */
  private switchMode(text: bool): void {
    this.textMode = text ? MODE_TEXT : MODE_LOG;
    // extra (the log contexts in use) = !text.
    this.table.n = text ? B : N;
    this.net.active = text ? B + TEXT_SHIFT : INPUTS;
    if (text) for (let i = B + TEXT_SHIFT; i < INPUTS; i++) this.x[i] = 0;
    this.fieldAboveSelector = !text;
    this.historiesOn = !text;
  }

  private selectFirstNibble(): void {
    const logContexts = this.logContexts;
    const text = this.guessedShare < 32768 || logContexts.binary();
    const mode = text ? MODE_TEXT : MODE_LOG;
    if (mode != this.textMode) this.switchMode(text);
    const kinds = text ? BASE_KINDS : KINDS;
    const scratch = this.hashScratch;
    hashContexts9(kinds, scratch, this.c4, this.c8, this.wordHash, this.line, this.words);
    const hashes = this.table.hashes;
    for (let i = 0; i < kinds.length; i++) hashes[i] = unchecked(scratch[i]);
    const numeric = this.numeric;
    const c1 = this.c4 & 255;
    hashes[NUMERIC_DIFF_AT] = numeric.diffHash(c1);
    this.apm1Row = numeric.diffState << 8;
    this.numericInput.select(numeric, this.excluded, c1);
    hashes[FIELD_COPY_AT] = this.fieldCopy.hash();
    if (this.textMode == MODE_LOG) logContexts.hash(hashes, c1);
    const records = this.records;
    this.recordsSilent = !records.active;
    hashes[RECORD_ABOVE_AT] = records.aboveHash();
    hashes[RECORD_ABOVE_LEFT_AT] = records.aboveLeftHash(c1);
    hashes[RECORD_TWO_ABOVE_AT] = records.twoAboveHash();
    const table = this.table;
    table.selectFirstDirect();
    if (this.historiesOn) this.histories.own(table.t, table.line, table.n);
  }
}
