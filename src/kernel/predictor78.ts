// src/model/predictor.ts for exactly presetFor(7) and presetFor(8) of model 3:
// level 6 (predictor.ts: its text contexts, count maps, numeric parts, text
// and prose guess thresholds, text APM) with log contexts (log-contexts.ts;
// level 7: the line-template three, level 8: all seven, in level 9's
// order), more neurons (NetworkN) and a second output by the match length
// (second-output.ts). What varies by level (table sizes, contexts, neurons)
// is taken from LEVELS, KINDS* and NEURONS* at construction.
//
// Modes (the original's `split`: text and log contexts both): the contexts
// by slot are the six base ones, then the gated slots, which hold the text
// contexts in text mode and the log contexts in log mode (they share slots,
// counters' inputs and weights; slots = base + text + the log ones beyond the
// text count: 10 at level 7, 13 at level 8). Text mode is level 6's text mode
// exactly: the contexts as textKinds has them (Column replaced by Order0,
// then the four text ones), count maps, words followed, the text weight set
// (textSelector), two APMs; table.n = 6 + 4. Log mode is level 6's log mode
// (the base contexts as `contexts` has them, no count maps, words not
// followed, the field-number weight set, one APM) plus the log contexts,
// hashed by LogContexts into slots 6.. (table.n = 6 + their count) and, at
// level 8, the Above neuron by the field byte. Slot i >= 6 is input
// i + TEXT_SHIFT; net.active ends after the gated slots in use, the inputs
// past it zeroed (level 7's log mode, level 8's text mode).
// Left out, as these levels never reach them: bit histories (logHistories
// false), records, NumericDelta, the learning schedule, the output by partial
// byte, apm3 and the match APM, the first predict() loop over context 0 in
// text mode (overwritten by the count maps' inputs), Sel.PreviousByte and
// Sel.FieldShape (no neuron reads them). Every operation that is left runs
// in the original's order.
import { Apm } from './apm';
import { ContextTable } from './context-table';
import { hashContexts, nextWordHash } from './contexts';
import { counterLogit } from './counter';
import { CountMaps } from './count-maps';
import { FieldCopy } from './field-copy';
import { GuessOffer } from './guess';
import { LineTracker } from './line-tracker';
import { LogContexts } from './log-contexts';
import { LOGIT_LIMIT, SQUASH } from './logistic';
import { MATCH_RECENT_BITS, MatchModel } from './match-model';
import { NetworkN } from './network';
import { NumericInput, NumericTracker } from './numeric';
import { MODE_LOG, MODE_TEXT, MODE_UNSET, isProseByte, textWeightSet } from './predictor';
import { RUN_MAX } from './run';
import { RunOffer } from './run-offer';
import { SecondOutput } from './second-output';
import { APM_RATE_SHIFT, BIAS, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP } from './settings';
import { Table } from './table';
import { WeakGuess } from './weak-guess';
import { WordTracker } from './word-tracker';

// presetFor(7) and presetFor(8) of model 3: what both levels share.
const COUNTER_LIMIT: i32 = 127;
const GUESS_THRESHOLD: i32 = 42598;
const TEXT_GUESS_THRESHOLD: i32 = 52428;
const PROSE_GUESS_THRESHOLD: i32 = 64225;
const NUMERIC_GUESS_THRESHOLD: i32 = 52428;
const RUN_THRESHOLD: i32 = 62259;
const EXPECT_MAX_BITS: i32 = 16;
const COUNT_MAP_RATE_SHIFT: i32 = 8;
const B: i32 = 6; // base contexts
/** The text contexts (Order2, Order4, WordFolded, WordPair): in text mode the gated slots B .. B + TEXT_CONTEXTS - 1. */
const TEXT_CONTEXTS: i32 = 4;
const NUMERIC_DIFF_AT: i32 = 4;
const FIELD_COPY_AT: i32 = 5;
// Inputs: contexts 0-5, match 6, weak guess 7, numeric input 8, bias 9, then the gated slots 6.. (text or log contexts) at i + TEXT_SHIFT.
const MATCH_INPUT: i32 = 6;
const WEAK_INPUT: i32 = 7;
const NUMERIC_INPUT_AT: i32 = 8;
const TEXT_SHIFT: i32 = 4;
const APM1_SHARE: i32 = 3; // numericApm
const PRESET_APM_STAGES: i32 = 1;
const TEXT_APM_STAGES: i32 = 2; // textApm: max(2, apmStages)
/** The base contexts, hashed in log mode: Order3, Column, FieldPosition, Word, NumericDiff, FieldCopy. */
const BASE_KINDS: StaticArray<i32> = [2, 6, 11, 5, 20, 22];
/** presetFor's textKinds, hashed in text mode: Column replaced by Order0, then the text contexts. */
const TEXT_KINDS: StaticArray<i32> = [2, 8, 11, 5, 20, 22, 1, 3, 12, 13];
/** Each level's contexts (presets.ts Ctx), as presetFor lists them: base, text, log. */
const KINDS7: StaticArray<i32> = [2, 6, 11, 5, 20, 22, 1, 3, 12, 13, 51, 52, 53];
const KINDS8: StaticArray<i32> = [2, 6, 11, 5, 20, 22, 1, 3, 12, 13, 42, 44, 45, 46, 51, 52, 53];
/** Each level's neurons (presets.ts Sel): PartialByte, FieldNumber, MatchLength, FieldOffset (level 8: Above, NumericState). */
const NEURONS7: StaticArray<i32> = [0, 3, 1, 6];
const NEURONS8: StaticArray<i32> = [0, 3, 1, 6, 2, 5];
// presets.ts Sel values, and their weight sets (predictor.ts SELECTOR_SETS).
const SEL_PARTIAL_BYTE: i32 = 0;
const SEL_MATCH_LENGTH: i32 = 1;
const SEL_ABOVE: i32 = 2;
const SEL_FIELD_NUMBER: i32 = 3;
const SEL_NUMERIC_STATE: i32 = 5;
const SEL_FIELD_OFFSET: i32 = 6;
const SELECTOR_SETS: StaticArray<i32> = [256, 64 * 8, 256, 32 * 8, 256, 8 * 256, 16 * 256, 1 << 12];

/**
 * Per level (index: level - 7): tableBits, historyBits, matchBits.
 * test/kernel/predictor78.test.ts compares them (hookPredictor78Value),
 * KINDS*, NEURONS*, TEXT_KINDS and SHARED_VALUES with presetFor(level).
 */
const VALUES: i32 = 3;
const LEVELS: StaticArray<i32> = [
  18, 22, 20, // 7
  20, 24, 22, // 8
];

/**
 * The shared constants that are presetFor(7)'s and (8)'s values, in the order
 * the test compares them with ModelPreset's counterLimit, guessThreshold,
 * textGuessThreshold, proseGuessThreshold, numericGuessThreshold,
 * runThreshold, apmStages, textContexts and secondOutput.
 */
export const SHARED_VALUES78: StaticArray<i32> = [COUNTER_LIMIT, GUESS_THRESHOLD, TEXT_GUESS_THRESHOLD, PROSE_GUESS_THRESHOLD, NUMERIC_GUESS_THRESHOLD, RUN_THRESHOLD, PRESET_APM_STAGES, TEXT_CONTEXTS, SEL_MATCH_LENGTH];

export function kinds78(level: i32): StaticArray<i32> {
  return level == 7 ? KINDS7 : KINDS8;
}

/** The contexts by slot: base, text, then the log ones beyond the text count (the original's `slots`). */
function slotKinds(kinds: StaticArray<i32>): StaticArray<i32> {
  const log = kinds.length - B - TEXT_CONTEXTS;
  const n = B + (log > TEXT_CONTEXTS ? log : TEXT_CONTEXTS);
  const slots = new StaticArray<i32>(n);
  for (let i = 0; i < B + TEXT_CONTEXTS; i++) slots[i] = kinds[i];
  for (let i = B + TEXT_CONTEXTS; i < n; i++) slots[i] = kinds[i + TEXT_CONTEXTS];
  return slots;
}

/** What LogContexts is built with: the base contexts, then the log ones (their hashes go to slots B..). */
function baseAndLogKinds(kinds: StaticArray<i32>): StaticArray<i32> {
  const n = kinds.length - TEXT_CONTEXTS;
  const out = new StaticArray<i32>(n);
  for (let i = 0; i < B; i++) out[i] = kinds[i];
  for (let i = B; i < n; i++) out[i] = kinds[i + TEXT_CONTEXTS];
  return out;
}

export function neurons78(level: i32): StaticArray<i32> {
  return level == 7 ? NEURONS7 : NEURONS8;
}

export function textKinds78(): StaticArray<i32> {
  return TEXT_KINDS;
}

/** The i-th of level's values in LEVELS (hook for the constants test). */
export function value78(level: i32, i: i32): i32 {
  return LEVELS[(level - 7) * VALUES + i];
}

@final export class Predictor78 {
  private readonly table: ContextTable;
  private readonly match: MatchModel;
  private readonly line: LineTracker = new LineTracker();
  private readonly words: WordTracker = new WordTracker();
  /** Words are followed in text mode only. */
  private keepWords: bool = true;
  private readonly weak: WeakGuess = new WeakGuess();
  private readonly guesses: GuessOffer;
  private readonly numeric: NumericTracker = new NumericTracker();
  private readonly numericInput: NumericInput = new NumericInput();
  private readonly fieldCopy: FieldCopy = new FieldCopy();
  private readonly logContexts: LogContexts;
  private readonly net: NetworkN;
  private readonly x: Table<f64>;
  /** In use in text mode only (countsInUse). */
  private readonly counts: CountMaps;
  private countsInUse: bool = true;
  private readonly second: SecondOutput;
  /** The slots (base and gated) and all inputs. */
  private readonly n: i32;
  private readonly inputs: i32;
  /** The log contexts: the gated slots in use in log mode. */
  private readonly gatedLog: i32;
  private readonly selectors: StaticArray<i32>;
  private readonly sets: StaticArray<i32>;
  /** Each selector's weight set for this bit, by Sel value. */
  private readonly choice: StaticArray<i32> = new StaticArray<i32>(8);
  private readonly hashScratch: StaticArray<i32> = new StaticArray<i32>(10);
  private apmStages: i32 = TEXT_APM_STAGES;
  private readonly apm1: Apm;
  private readonly apm2: Apm;
  private apm1Row: i32 = 0;
  private fieldAboveSelector: bool = false;
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

  constructor(level: i32) {
    const kinds = kinds78(level);
    const slots = slotKinds(kinds);
    const n = slots.length;
    this.n = n;
    this.gatedLog = kinds.length - B - TEXT_CONTEXTS;
    const inputs = n + 4; // match, weak guess, numeric input, bias
    this.inputs = inputs;
    const tableBits = value78(level, 0);
    this.logContexts = new LogContexts(baseAndLogKinds(kinds));
    this.runs = new RunOffer(RUN_THRESHOLD);
    this.counts = new CountMaps(n, COUNT_MAP_RATE_SHIFT);
    const table = new ContextTable(slots, tableBits, COUNTER_LIMIT, true);
    this.table = table;
    // (No bit histories at levels 7 and 8.)
    this.match = new MatchModel(value78(level, 1), value78(level, 2), MATCH_RECENT_BITS);
    this.guesses = new GuessOffer(GUESS_THRESHOLD, tableBits < EXPECT_MAX_BITS ? tableBits : EXPECT_MAX_BITS, COUNTER_LIMIT, true, NUMERIC_GUESS_THRESHOLD);
    const selectors = neurons78(level);
    const hidden = selectors.length;
    this.selectors = selectors;
    this.sets = new StaticArray<i32>(hidden);
    const setCounts = new StaticArray<i32>(hidden);
    for (let k = 0; k < hidden; k++) setCounts[k] = SELECTOR_SETS[selectors[k]];
    // Output by bit position; the settings' learning rates (no schedule).
    const net = new NetworkN(inputs, setCounts, 8, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP);
    this.net = net;
    this.second = new SecondOutput(hidden, SELECTOR_SETS[SEL_MATCH_LENGTH], OUTPUT_LEARNING_RATE, SKIP); // by Sel.MatchLength
    this.x = net.x;
    net.x[B + TEXT_SHIFT - 1] = BIAS;
    // A stream starts in text mode: the gated slots hold the text contexts.
    table.n = B + TEXT_CONTEXTS;
    net.active = B + TEXT_SHIFT + TEXT_CONTEXTS;
    this.apm1 = new Apm(8 * 256, APM_RATE_SHIFT); // by c0 and the numeric state (numericApm)
    this.apm2 = new Apm(65536, APM_RATE_SHIFT); // by c0 and the last byte
    // (apm3, the match APM: apmStages never exceeds 2 here.)
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
    // (No record model.)
    if (this.keepWords) for (let k = 0; k < n; k++) this.words.push(<i32>bytes[k]);
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
    // Text mode: through the count maps (the original's first loop, over
    // context 0 only, is overwritten by them: left out); log mode: the
    // counters' own logits. The gated slots' inputs follow the bias.
    const counts = this.counts;
    const countsInUse = this.countsInUse;
    for (let i = 0; i < n; i++) {
      const s = line[i] + ci;
      slot[i] = s;
      const c = t[s];
      x[i < b ? i : i + TEXT_SHIFT] = <f64>(countsInUse ? counts.input(i, c) : counterLogit(c));
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
    // (Sel.Above is set once per byte, in startByte.)
    const sets = this.sets;
    const selectors = this.selectors;
    for (let k = 0; k < sets.length; k++) unchecked((sets[k] = choice[selectors[k]]));
    const net = this.net;
    let d = net.forward(sets, bitPos);
    // The two output logits averaged (integers, as clamped by both).
    d = (d + this.second.forward(net.h, unchecked(choice[SEL_MATCH_LENGTH]))) >> 1;
    const pMix = unchecked(SQUASH[d + LOGIT_LIMIT]);
    const p1 = this.apm1.refine(d, this.apm1Row | c0);
    const mix1 = (pMix * (4 - APM1_SHARE) + p1 * APM1_SHARE) >> 2;
    if (this.apmStages == 1) return mix1;
    const p2 = this.apm2.refine(d, c0 | ((this.c4 & 0xff) << 8));
    return (pMix + p1 + 2 * p2) >> 2;
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
      this.second.train(this.net.h, bit);
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
    this.logContexts.push(c);
  }

  private startByte(): void {
    this.c0 = 1;
    this.ci = 1;
    this.bitPos = 0;
    this.excluded = 0;
    const line = this.line;
    line.look();
    // Sel.Above: level 8's fifth neuron (level 7 sets it unread, as the original).
    unchecked((this.choice[SEL_ABOVE] = (this.fieldAboveSelector ? line.fieldByte : line.above) & 255));
    // (Sel.PreviousByte, Sel.FieldShape: no neuron of these levels reads them.)
    const fieldPos = line.fieldPos;
    this.fieldOffsetSet = (fieldPos < 15 ? fieldPos : 15) << 8;
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

  /** The gated slots: the text contexts in text mode, the log ones in log mode. */
  private switchMode(text: bool): void {
    // A new text stretch starts from no word: only after log mode (the stream's first call comes from unset).
    const fromLog = this.textMode == MODE_LOG;
    this.textMode = text ? MODE_TEXT : MODE_LOG;
    const gated = text ? TEXT_CONTEXTS : this.gatedLog;
    this.table.n = B + gated;
    const inputs = this.inputs;
    const active = gated == this.n - B ? inputs : B + TEXT_SHIFT + gated;
    this.net.active = active;
    // Left-out inputs read as 0.
    for (let i = active; i < inputs; i++) this.x[i] = 0;
    this.fieldAboveSelector = !text;
    // (historiesOn stays false: no bit histories.)
    this.apmStages = text ? TEXT_APM_STAGES : PRESET_APM_STAGES;
    this.countsInUse = text;
    this.keepWords = text;
    this.words.resetWhen(text && fromLog);
  }

  private selectFirstNibble(): void {
    const logContexts = this.logContexts;
    const text = this.guessedShare < 32768 || logContexts.binary();
    const mode = text ? MODE_TEXT : MODE_LOG;
    if (mode != this.textMode) this.switchMode(text);
    const kinds = text ? TEXT_KINDS : BASE_KINDS;
    if (text) this.fieldNumberSet = textWeightSet(this.c4, this.match.len); // textSelector
    const scratch = this.hashScratch;
    hashContexts(kinds, scratch, this.c4, this.c8, this.wordHash, this.line, this.words);
    const hashes = this.table.hashes;
    for (let i = 0; i < kinds.length; i++) hashes[i] = unchecked(scratch[i]);
    const numeric = this.numeric;
    const c1 = this.c4 & 255;
    hashes[NUMERIC_DIFF_AT] = numeric.diffHash(c1);
    this.apm1Row = numeric.diffState << 8;
    this.numericInput.select(numeric, this.excluded, c1);
    hashes[FIELD_COPY_AT] = this.fieldCopy.hash();
    if (this.textMode == MODE_LOG) logContexts.hash(hashes, c1);
    this.table.selectFirst();
  }
}
