// src/model/predictor.ts for presetFor(level) of model 3 at levels 2-5: one
// family, what varies (contexts, neurons, APM stages, thresholds,
// table sizes) taken from LEVELS at construction. Left out, as these levels
// never reach them: text mode (textGuessThreshold -1, no gated contexts:
// switchMode never runs, so the mode, the text thresholds and guessedShare,
// read only there and for numeric guesses, are dropped), count maps, text
// words (no WordFolded/WordPair: the word tracker is never fed), the numeric
// tracker and input, field copy, records, log contexts, bit histories, the
// second output, the learning schedule, numericApm, apm2, apm3 and the match
// APM (apmStages 1), the output by partial byte, Sel.MatchLength (no neuron
// of these levels reads it). Every operation that is left
// runs in the original's order.
import { Apm } from './apm';
import { ContextTable } from './context-table';
import { hashContexts9, nextWordHash } from './contexts';
import { counterLogit } from './counter';
import { GuessOffer } from './guess';
import { LineTracker } from './line-tracker';
import { MATCH_RECENT_BITS, MatchModel } from './match-model';
import { NetworkN } from './network';
import { RUN_MAX } from './run';
import { RunOffer } from './run-offer';
import { APM_RATE_SHIFT, BIAS, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP } from './settings';
import { Table } from './table';
import { WeakGuess } from './weak-guess';
import { WordTracker } from './word-tracker';

const COUNTER_LIMIT: i32 = 127;
const EXPECT_MAX_BITS: i32 = 16;
// presets.ts Sel values these levels' neurons use.
const SEL_PARTIAL_BYTE: i32 = 0;
const SEL_FIELD_NUMBER: i32 = 3;

/**
 * Per level (index: level): tableBits, historyBits, matchBits,
 * guessThreshold, runThreshold; -1: not a level of this family.
 * test/kernel/predictor-mid.test.ts compares them (hookPredictorMidPresetValue)
 * with presetFor(level), as it does KINDS and NEURONS.
 */
const VALUES: i32 = 5;
const LEVELS: StaticArray<i32> = [
  -1, -1, -1, -1, -1, // 0
  -1, -1, -1, -1, -1, // 1: predictor1.ts
  17, 21, 19, 19660, 58982, // 2
  17, 22, 20, 26214, 58982, // 3
  17, 22, 20, 26214, 58982, // 4
  18, 22, 20, 26214, 58982, // 5
];
/** Each level's contexts (presets.ts Ctx), as presetFor lists them. */
const KINDS2: StaticArray<i32> = [0, 2, 6, 11];
const KINDS3: StaticArray<i32> = [0, 2, 6, 7, 11, 5];
/** Each level's neurons (presets.ts Sel). */
const NEURONS3: StaticArray<i32> = [0];
const NEURONS2: StaticArray<i32> = [0, 3];

export function midKinds(level: i32): StaticArray<i32> {
  return level == 2 ? KINDS2 : KINDS3;
}

export function midNeurons(level: i32): StaticArray<i32> {
  return level == 3 ? NEURONS3 : NEURONS2;
}

/** The i-th of level's values in LEVELS (hook for the constants test). */
export function midValue(level: i32, i: i32): i32 {
  return LEVELS[level * VALUES + i];
}

/** Weight sets of each selector (predictor.ts SELECTOR_SETS) these levels use. */
function selectorSets(sel: i32): i32 {
  return sel == SEL_PARTIAL_BYTE ? 256 : 32 * 8;
}

@final export class PredictorMid {
  private readonly table: ContextTable;
  private readonly match: MatchModel;
  private readonly line: LineTracker = new LineTracker();
  /** Never fed (no text words): hashContexts9's argument only. */
  private readonly words: WordTracker = new WordTracker();
  private readonly weak: WeakGuess = new WeakGuess();
  private readonly guesses: GuessOffer;
  private readonly net: NetworkN;
  private readonly x: Table<f64>;
  private readonly kinds: StaticArray<i32>;
  private readonly n: i32;
  private readonly matchInput: i32;
  private readonly weakInput: i32;
  private readonly selectors: StaticArray<i32>;
  private readonly sets: StaticArray<i32>;
  /** Each selector's weight set for this bit, by Sel value (0 and 3 used). */
  private readonly choice: StaticArray<i32> = new StaticArray<i32>(4);
  private readonly hashScratch: StaticArray<i32>;
  private readonly apm1: Apm;
  private c0: i32 = 1;
  private ci: i32 = 1;
  private bitPos: i32 = 0;
  private c4: i32 = 0;
  private c8: i32 = 0;
  private wordHash: i32 = 0;
  private fieldNumberSet: i32 = 0;
  private excluded: i32 = 0;
  private forced: bool = false;
  private readonly runs: RunOffer;
  private runPending: bool = false;
  private readonly runBytes: Table<u8> = new Table<u8>(RUN_MAX);

  constructor(level: i32) {
    const tableBits = midValue(level, 0);
    const kinds = midKinds(level);
    const n = kinds.length;
    this.kinds = kinds;
    this.n = n;
    this.hashScratch = new StaticArray<i32>(n);
    this.runs = new RunOffer(midValue(level, 4));
    // Inputs: the contexts, match, weak guess, bias.
    this.matchInput = n;
    this.weakInput = n + 1;
    const inputs = n + 3;
    this.table = new ContextTable(kinds, tableBits, COUNTER_LIMIT, true);
    this.match = new MatchModel(midValue(level, 1), midValue(level, 2), MATCH_RECENT_BITS);
    this.guesses = new GuessOffer(midValue(level, 3), tableBits < EXPECT_MAX_BITS ? tableBits : EXPECT_MAX_BITS, COUNTER_LIMIT, true, -1);
    const selectors = midNeurons(level);
    const hidden = selectors.length;
    this.selectors = selectors;
    this.sets = new StaticArray<i32>(hidden);
    const setCounts = new StaticArray<i32>(hidden);
    for (let k = 0; k < hidden; k++) setCounts[k] = selectorSets(selectors[k]);
    // Output by bit position. (NetworkN's general loops give forward2's results to the bit: network.ts.)
    const net = new NetworkN(inputs, setCounts, 8, INITIAL_WEIGHT, LEARNING_RATE, OUTPUT_LEARNING_RATE, SKIP);
    this.net = net;
    this.x = net.x;
    net.x[inputs - 1] = BIAS;
    this.apm1 = new Apm(256, APM_RATE_SHIFT); // by c0 (apmStages 1: no apm2)
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
    let wordHash = this.wordHash;
    const runs = this.runs;
    for (let k = 0; k < n; k++) {
      const c = <i32>bytes[k];
      runs.byteDone(c);
      wordHash = nextWordHash(wordHash, c);
    }
    match.takeRun(n, c4, c8);
    for (let k = 0; k < n; k++) {
      c8 = (c8 << 8) | (c4 >>> 24);
      c4 = (c4 << 8) | <i32>bytes[k];
    }
    this.c4 = c4;
    this.c8 = c8;
    this.wordHash = wordHash;
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
    // (Never a numeric guess here: a miss ends the match.)
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
    const n = this.n;
    for (let i = 0; i < n; i++) {
      const s = line[i] + ci;
      slot[i] = s;
      x[i] = <f64>counterLogit(t[s]);
    }
    const match = this.match;
    x[this.matchInput] = <f64>match.input(c0, bitPos);
    x[this.weakInput] = <f64>this.weak.input(c0, bitPos, this.guesses.hitP);
    const choice = this.choice;
    unchecked((choice[SEL_PARTIAL_BYTE] = c0));
    // (Sel.MatchLength: no neuron of these levels reads it.)
    unchecked((choice[SEL_FIELD_NUMBER] = this.fieldNumberSet | bitPos));
    const sets = this.sets;
    const selectors = this.selectors;
    for (let k = 0; k < sets.length; k++) unchecked((sets[k] = choice[selectors[k]]));
    const d = this.net.forward(sets, bitPos);
    const pMix = this.net.p;
    const p1 = this.apm1.refine(d, c0);
    // apm1's share is 2 quarters (no numericApm); apmStages 1.
    return (pMix * 2 + p1 * 2) >> 2;
  }

  update(bit: i32): void {
    const forced = this.forced;
    this.forced = false;
    if (!forced) {
      this.table.update(bit);
      this.match.learn(bit);
      this.weak.learn(bit);
      this.net.train(bit);
      this.apm1.update(bit);
      // (apmStages 1: no apm2.)
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
    this.wordHash = nextWordHash(this.wordHash, c);
    this.match.push(c, this.c4, this.c8);
    this.line.push(c);
  }

  private startByte(): void {
    this.c0 = 1;
    this.ci = 1;
    this.bitPos = 0;
    this.excluded = 0;
    const line = this.line;
    line.look();
    // (Sel.Above and PreviousByte: no neuron of these levels reads them.)
    const field = line.field;
    this.fieldNumberSet = (field < 31 ? field : 31) << 3;
    this.runPending = true;
  }

  private offerGuess(): bool {
    // (textGuessThreshold -1: the threshold stays; no numeric tracker: no digit.)
    return this.guesses.offer(this.match, this.line, this.c4, this.c8, this.weak, -1);
  }

  private selectFirstNibble(): void {
    const scratch = this.hashScratch;
    hashContexts9(this.kinds, scratch, this.c4, this.c8, this.wordHash, this.line, this.words);
    const hashes = this.table.hashes;
    const n = this.n;
    for (let i = 0; i < n; i++) hashes[i] = unchecked(scratch[i]);
    this.table.selectFirstDirect();
  }
}
