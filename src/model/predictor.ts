/**
 * The predictor: the model's parts wired into the one object the coder
 * drives (src/coder/code-byte.ts). A byte is coded in one of two ways
 * (model 2; model 1 always uses the second):
 *
 * - Guessed: when the match model or the previous line (at level 6 also
 *   its number plus its change, guess.ts) foretells the byte
 *   and the expected-byte model (expect.ts) trusts the guess enough, one
 *   decision is coded: "the byte is the guess" (expected, predictHit,
 *   updateHit). On a log most bytes end here. On a miss the byte follows bit
 *   by bit, its last bit excluded from being the guess's.
 * - In a run (model 3): when the match has run long and the last bytes were
 *   all right, one decision may cover the match's next bytes up to the next
 *   space, tab or line feed (runLength, predictRun, updateRun; run.ts). A hit
 *   takes them all in: no part but the bookkeeping (endByte) sees them.
 * - Bit by bit: 8 decisions, most significant bit first (predict, update).
 *   The inputs of the bit network (network.ts) are, in this order: one logit
 *   per context of the level (contexts.ts, context-table.ts), the match
 *   model's (match-model.ts), with models 2-3 the weak guess's (weak-guess.ts),
 *   at model 3's levels 6 and 9 the numeric input's (numeric.ts NumericInput),
 *   and the bias. Adaptive probability maps (apm.ts) refine its output.
 *
 * After each decision every part that took part takes one learning step, so
 * the decompressor, which sees the same decisions in the same order,
 * retraces exactly the same state. The bit models learn only from the bytes
 * coded bit by bit: they model what the guesses do not foresee (measured:
 * also learning from the guessed bytes made the output larger).
 *
 * Everything is integer or IEEE-754 + - * / in a fixed order: bit-exact on
 * every machine (docs/DESIGN.md, "Lockstep").
 */
import { Apm } from './apm';
import { ContextTable } from './context-table';
import { hashContexts, nextWordHash } from './contexts';
import { counterLogit } from './counter';
import { CountMaps } from './count-maps';
import { GuessOffer } from './guess';
import { LineTracker } from './line-tracker';
import { MATCH_RECENT_BITS, MatchModel } from './match-model';
import { Network } from './network';
import { Ctx, LearningSchedule, ModelPreset, Sel } from './presets';
import { APM_RATE_SHIFT, BIAS, LEARNING } from './settings';
import { WeakGuess } from './weak-guess';
import { WordTracker } from './word-tracker';
import { RunOffer } from './run-offer';
import { RUN_MAX } from './run';
import { retireTables } from './spare-tables';
import { NumericInput, NumericTracker } from './numeric';
import { FieldCopy } from './field-copy';
import { RecordModel } from './record';
import { SecondOutput } from './second-output';
import { FIELD_SHAPE_BITS, LogContexts } from './log-contexts';
import { BitHistories } from './bit-history';
import { LOGIT_LIMIT, SQUASH } from './logistic';

/** Printable ASCII or a line feed: the bytes of prose (preset proseGuess). */
function isProseByte(c: number): boolean {
  // (Both comparisons on every call: a kind of byte first seen after V8 has optimised the caller then meets no operation without type feedback.)
  const printable = (c - 32) >>> 0 < 95;
  const lineFeed = c === 10;
  return printable || lineFeed;
}

/** Space 0, lower-case letter 1, capital 2, any other byte 3 (textWeightSet). */
function letterClass(c: number): number {
  return c === 32 ? 0 : c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : 3;
}

/**
 * Preset textSelector: the Sel.FieldNumber weight set at bit 0 in text mode,
 * by the letter classes of the last two bytes and whether the match model
 * has a match (32 sets × 8 bit positions, as the field numbers).
 */
function textWeightSet(c4: number, matchLength: number): number {
  return (((matchLength > 0 ? 16 : 0) | (letterClass((c4 >>> 8) & 255) << 2) | letterClass(c4 & 255)) << 3);
}

/** Predictor.textMode: the stream's first byte coded bit by bit has not yet set it; out of text mode; in it. */
const MODE_UNSET = -1;
const MODE_LOG = 0;
const MODE_TEXT = 1;

/** How many weight sets each selector (Sel) of a first-layer neuron distinguishes, by Sel value. */
const SELECTOR_SETS = [
  256, // PartialByte: c0
  64 * 8, // MatchLength: min(match length, 63) (0: no prediction for this bit) × bit position
  256, // Above: the previous sentence's byte at this column
  32 * 8, // FieldNumber: min(field number, 31) × bit position
  256, // PreviousByte
  8 * 256, // NumericState: the numeric state (numeric.ts diffState) × c0
  16 * 256, // FieldOffset: min(offset in the field, 15) × c0
  1 << FIELD_SHAPE_BITS, // FieldShape: a hash of the field's shape so far and the field number (log-contexts.ts)
];
/** Count maps move their two points 1/2^8 of the way to each bit (count-maps.ts; measured on text: 2^-6 +0.4 %, 2^-9 the same). */
const COUNT_MAP_RATE_SHIFT = 8;
/** The expected-byte model's hashed parts: 2^min(this, tableBits) counters each. */
const EXPECT_MAX_BITS = 16;

export class Predictor {
  // The parts.
  private readonly kinds: Int32Array;
  private readonly table: ContextTable;
  private readonly match: MatchModel;
  private readonly line = new LineTracker();
  /**
   * The case-folded words (word-tracker.ts), kept only for a level with word
   * contexts, and at a level with text contexts (level 6) only in text mode:
   * it costs every byte.
   */
  private readonly words: WordTracker;
  private readonly hasWords: boolean;
  private keepWords: boolean;
  private readonly weak = new WeakGuess();
  private readonly guesses: GuessOffer;
  /** Numeric fields (numeric.ts), when the level has a numeric context; else null. */
  private readonly numeric: NumericTracker | null;
  /** The input positions of the numeric contexts (-1: none). */
  private readonly numericDiffAt: number;
  private readonly numericDeltaAt: number;
  /** Preset numericInput: NumericDelta as a direct input of the bit network (numeric.ts NumericInput), at numericInputAt; else null, -1. */
  private readonly numericInput: NumericInput | null;
  private readonly numericInputAt: number;
  /** Fields copied within a line (field-copy.ts), when the level has FieldCopy; else null. */
  private readonly fieldCopy: FieldCopy | null;
  private readonly fieldCopyAt: number;
  /** Fixed-length records (record.ts), when the level has a record context; else null. */
  private readonly records: RecordModel | null;
  private readonly recordAboveAt: number;
  private readonly recordAboveLeftAt: number;
  private readonly recordTwoAboveAt: number;
  /** This byte's record contexts are inactive (record.ts): their inputs are 0. */
  private recordsSilent = false;

  // The bit network: its inputs x are [contexts..., match, (weak guess,) bias].
  private readonly net: Network;
  private readonly x: Float64Array;
  private readonly matchInput: number;
  private readonly weakInput: number; // -1 in model 1
  /** Count maps (count-maps.ts), or null: the counters' logits go to the network as they are. */
  private readonly counts: CountMaps | null;
  /** The count maps in use: `counts`, but null out of text mode (level 6 on logs). */
  private countsInUse: CountMaps | null;
  /** Level 9: the bit network's second output neuron (second-output.ts), its weight sets by selector secondOutputSel; else null. */
  private readonly second: SecondOutput | null;
  private readonly secondOutputSel: number;
  /** Level 9: the first layer's falling learning rate (presets.ts learningSchedule), and the bits trained so far; else null. */
  private readonly learningSchedule: LearningSchedule | null;
  private trainedBits = 0;
  /** Selectors FieldOffset and FieldShape are in use (level 9): their sets are computed. */
  private readonly level9Selectors: boolean;
  private readonly selectors: Int32Array;
  private readonly sets: Int32Array;
  /** Each selector's weight set for this bit, by Sel value. */
  private readonly choice = new Int32Array(SELECTOR_SETS.length);
  /** The APMs in use: the preset's, and with preset textApm 2 in text mode. */
  private apmStages: number;
  private readonly apm1: Apm;
  private readonly apm2: Apm;
  private readonly apm3: Apm;
  /** Model 3's level 9: an APM by the match's length and its bit for this position (matchApm), else null. */
  private readonly apmMatch: Apm | null;
  /**
   * Preset numericApm: apm1 goes by the numeric state (numeric.ts diffState) and c0, and
   * has 3/4 of the one-stage mix: apm1Row is the state × 256 for this byte (else 0).
   */
  private readonly numericApm: boolean;
  private apm1Row = 0;
  /** apm1's share of the one-stage mix, in quarters: 2 ((pMix + p1) / 2), numericApm 3. */
  private readonly apm1Share: number;
  private readonly outputByPartialByte: boolean;
  /** Preset textApm: apm2 refines in text mode too (by c0 and the last byte; measured: by a hash of the last 2 bytes, no better). */
  private readonly textApm: boolean;
  private readonly presetApmStages: number;

  // Bit and byte state.
  private c0 = 1; // bits of the current byte so far, behind a leading 1
  /**
   * The counter's slot in its context's line: c0 in models 1-2 (the frozen
   * layout, which spills past the line in the second nibble); in model 3 the
   * current nibble's bits so far behind a leading 1 (1..15).
   */
  private ci = 1;
  private readonly nibbleLines: boolean;
  private bitPos = 0;
  private c4 = 0; // the last 4 bytes, the last one lowest
  private c8 = 0; // the 4 before those
  private wordHash = 0;
  private fieldOffsetSet = 0; // min(offset in the field, 15) × 256: the Sel.FieldOffset weight set at c0 = 0
  private fieldNumberSet = 0; // the field number (capped at 31) × 8: the Sel.FieldNumber weight set at bit 0 (text mode: textWeightSet)

  // Guesses (models 2 and 3).
  /** After a missed guess: the guess with a leading 1 bit (bit 8), else 0. */
  private excluded = 0;
  private forced = false; // this bit is known (the excluded guess's last bit): no learning

  // Text (model 3, preset textGuessThreshold): while most bytes go bit by bit, guesses need the higher threshold.
  /**
   * The share of recent bytes taken by a guess or a run, p16 (a moving
   * average, 1/256 per byte). It starts just below half, as text: measured,
   * small texts -1.5 % (at 65536 the text contexts came on only after ~180 bytes), logs -0.04 %.
   */
  private guessedShare = 32767;
  private readonly guessThreshold: number;
  private readonly textGuessThreshold: number; // -1: one threshold
  /** Preset proseGuess: the text-mode guess threshold (p16) after a printable byte or a line feed; -1: none. */
  private readonly proseGuessThreshold: number;
  /**
   * Model 3 (preset textContexts): the contexts of log-like data (the first
   * ones) and all of them; the last ones are text contexts, which cost every
   * byte and earn little where guesses take most bytes.
   */
  private readonly baseKinds: Int32Array;
  /** Preset textSelector: in text mode the Sel.FieldNumber weight set is textWeightSet's. */
  private readonly textSelector: boolean;
  /** The contexts of text mode: `kinds`, some log contexts replaced by text ones (preset textKinds). */
  private readonly textKinds: Int32Array;
  private readonly gated: boolean;
  /** Preset logContexts (levels 7-9): the gated contexts are log contexts, in use out of text mode (with text ones too: split); else text ones. */
  private readonly logExtras: boolean;
  /**
   * Levels 7 and 8 (text and log contexts both): the gated slots after the
   * base contexts hold the text contexts in text mode and the log contexts
   * in log mode (their counters, inputs and weights shared, as level 6's
   * order 0 takes column's place in text mode); gatedText, gatedLog: how many.
   */
  private readonly split: boolean;
  private readonly gatedText: number;
  private readonly gatedLog: number;
  /** Level 9's log contexts (log-contexts.ts), or null. */
  private readonly logContexts: LogContexts | null;
  /**
   * Level 9 in log mode: the neuron gated by the byte above (Sel.Above) is
   * gated by the previous line's byte at this offset of this field instead,
   * which follows fields of varying length (measured: logs -0.02 %, held-out -0.1 %).
   */
  private fieldAboveSelector = false;
  /** Preset logHistories (level 9): bit histories and their maps (bit-history.ts), or null; in use (historiesOn) in log mode only. */
  private readonly histories: BitHistories | null;
  private historiesOn = false;
  /** The gated (text or log) contexts' inputs follow the bias: context i >= baseKinds.length is input i + textShift. */
  private readonly textShift: number;
  /**
   * This byte's mode, set when its bit contexts are selected: text (the text
   * contexts and count maps in use) while fewer than half of the recent bytes
   * were taken by guesses or runs. Both sides know guessedShare (past bytes only).
   * MODE_UNSET until the first byte coded bit by bit (see switchMode).
   */
  private textMode = MODE_UNSET;

  // Runs (model 3).
  /** The run offer, or null (models 1 and 2: no runs). */
  private readonly runs: RunOffer | null;
  /** Model 3: the byte is set up but its run is not yet decided: runLength() comes next. */
  private runPending = false;
  /** A run's bytes, as takeRun takes them in. */
  private readonly runBytes = new Uint8Array(RUN_MAX);

  constructor(preset: ModelPreset) {
    const baseCount = preset.contexts.length - preset.textContexts - preset.logContexts;
    this.split = preset.textContexts > 0 && preset.logContexts > 0;
    this.gatedText = preset.textContexts;
    this.gatedLog = preset.logContexts;
    const baseList = preset.contexts.slice(0, baseCount);
    const textList = preset.contexts.slice(baseCount, baseCount + preset.textContexts);
    const logList = preset.contexts.slice(baseCount + preset.textContexts);
    // The contexts by slot: with both groups, the text ones then what log ones outnumber them by.
    const slots = this.split ? [...baseList, ...textList, ...logList.slice(textList.length)] : preset.contexts;
    this.kinds = Int32Array.from(slots);
    this.logExtras = preset.logContexts > 0 || preset.logHistories;
    this.gated = preset.textContexts > 0 || this.logExtras;
    this.baseKinds = this.kinds.subarray(0, baseCount);
    this.logContexts = this.logExtras ? new LogContexts(this.split ? [...baseList, ...logList] : preset.contexts) : null;
    this.textSelector = preset.textSelector;
    this.textKinds = preset.textKinds.length > 0 ? Int32Array.from(preset.textKinds) : this.kinds;
    this.numericDiffAt = preset.contexts.indexOf(Ctx.NumericDiff);
    this.numericDeltaAt = preset.contexts.indexOf(Ctx.NumericDelta);
    this.numeric = this.numericDiffAt >= 0 || this.numericDeltaAt >= 0 || preset.numericInput ? new NumericTracker() : null;
    this.numericInput = preset.numericInput ? new NumericInput() : null;
    this.fieldCopyAt = preset.contexts.indexOf(Ctx.FieldCopy);
    this.fieldCopy = this.fieldCopyAt >= 0 ? new FieldCopy() : null;
    this.recordAboveAt = preset.contexts.indexOf(Ctx.RecordAbove);
    this.recordAboveLeftAt = preset.contexts.indexOf(Ctx.RecordAboveLeft);
    this.recordTwoAboveAt = preset.contexts.indexOf(Ctx.RecordTwoAbove);
    this.records = this.recordAboveAt >= 0 || this.recordAboveLeftAt >= 0 || this.recordTwoAboveAt >= 0 ? new RecordModel() : null;
    this.hasWords = preset.contexts.includes(Ctx.WordFolded) || preset.contexts.includes(Ctx.WordPair);
    // A stream starts in text mode (guessedShare).
    this.keepWords = this.hasWords;
    this.words = new WordTracker();
    this.nibbleLines = preset.nibbleLines;
    this.runs = preset.runThreshold >= 0 ? new RunOffer(preset.runThreshold) : null;
    const guesses = preset.guessThreshold >= 0;
    const n = this.kinds.length;
    const b = this.baseKinds.length;
    this.matchInput = b;
    this.weakInput = guesses ? b + 1 : -1;
    // The inputs after the contexts: match, weak guess (models 2-3), numeric input (preset numericInput), bias.
    this.numericInputAt = preset.numericInput ? b + (guesses ? 2 : 1) : -1;
    const inputs = n + (guesses ? 3 : 2) + (preset.numericInput ? 1 : 0);
    this.textShift = inputs - n;
    this.counts = preset.countMaps ? new CountMaps(n, COUNT_MAP_RATE_SHIFT) : null;
    this.countsInUse = this.counts;
    this.table = new ContextTable(slots, preset.tableBits, preset.counterLimit, preset.nibbleLines);
    this.histories = preset.logHistories ? new BitHistories(this.table.t.length, n, COUNT_MAP_RATE_SHIFT) : null;
    this.match = new MatchModel(preset.historyBits, preset.matchBits, preset.nibbleLines ? MATCH_RECENT_BITS : 0);
    // Model 1 never guesses: its expected-byte model is a token one.
    this.guessThreshold = preset.guessThreshold;
    this.textGuessThreshold = preset.textGuessThreshold;
    this.proseGuessThreshold = preset.proseGuessThreshold;
    this.guesses = new GuessOffer(preset.guessThreshold, guesses ? Math.min(EXPECT_MAX_BITS, preset.tableBits) : 0, preset.counterLimit, preset.fastExpect, this.numeric !== null ? preset.numericGuessThreshold : -1);

    this.selectors = Int32Array.from(preset.neurons);
    this.sets = new Int32Array(this.selectors.length);
    this.net = new Network({
      inputs,
      sets: Array.from(this.selectors, (k) => SELECTOR_SETS[k]),
      // By bit position; model 3's level 9 by the partial byte (c0), which holds the bit position too.
      outputSets: preset.outputByPartialByte ? 256 : 8,
      ...LEARNING,
      learningRate: preset.learningSchedule?.start ?? LEARNING.learningRate,
      outputLearningRate: preset.outputLearningRate ?? LEARNING.outputLearningRate,
    });
    this.learningSchedule = preset.learningSchedule;
    this.outputByPartialByte = preset.outputByPartialByte;
    this.secondOutputSel = preset.secondOutput;
    this.second = preset.secondOutput >= 0 ? new SecondOutput(this.selectors.length, SELECTOR_SETS[preset.secondOutput], preset.outputLearningRate ?? LEARNING.outputLearningRate, LEARNING.skip) : null;
    this.level9Selectors = preset.neurons.includes(Sel.FieldOffset) || preset.neurons.includes(Sel.FieldShape) || preset.secondOutput === Sel.FieldOffset;
    this.x = this.net.x;
    this.x[b + this.textShift - 1] = BIAS;
    if (this.split) {
      // A stream starts in text mode: the gated slots hold the text contexts.
      this.table.n = b + this.gatedText;
      this.net.active = b + this.textShift + this.gatedText;
    } else if (this.logExtras) {
      // A stream starts in text mode: the log contexts are out.
      this.table.n = b;
      this.net.active = b + this.textShift;
    }
    this.presetApmStages = preset.apmStages;
    // A stream starts in text mode (guessedShare).
    this.apmStages = preset.textApm ? Math.max(2, preset.apmStages) : preset.apmStages;
    this.numericApm = preset.numericApm && this.numericDiffAt >= 0;
    this.apm1Share = this.numericApm ? 3 : 2;
    this.apm1 = new Apm(this.apmStages > 0 ? (this.numericApm ? 8 : 1) * 256 : 0, APM_RATE_SHIFT); // by c0 (numericApm: and the numeric state)
    this.textApm = preset.textApm;
    this.apm2 = new Apm(this.apmStages > 1 ? 65536 : 0, APM_RATE_SHIFT); // by c0 and the last byte
    this.apm3 = new Apm(this.apmStages > 2 ? 65536 : 0, APM_RATE_SHIFT); // by c0 and the second-last byte
    this.apmMatch = preset.matchApm ? new Apm(16 * 2 * 256, APM_RATE_SHIFT) : null;

    this.startByte();
  }

  /**
   * Ends this model's use: its big tables go to the next model built (see
   * spare-tables.ts). It must not be used again.
   */
  retire(): void {
    retireTables([
      this.table.t,
      ...this.match.tables(),
      ...this.guesses.expect.tables(),
      ...this.apm1.tables(),
      ...this.apm2.tables(),
      ...this.apm3.tables(),
      ...(this.apmMatch?.tables() ?? []),
      ...(this.runs?.tables() ?? []),
      ...(this.numericInput?.tables() ?? []),
    ]);
  }

  /**
   * The byte the model expects next, or -1 if it has no guess. With a guess,
   * the next decision is "the byte is the guess" (predictHit / updateHit);
   * without one, or after a miss, the byte's 8 bits (predict / update).
   */
  expected(): number {
    if (this.runPending) throw new Error('model 3: runLength() must come first at each byte (code-byte.ts)');
    return this.guesses.byte;
  }

  /**
   * Model 3, at the start of each byte, before expected(): the number of
   * bytes the run decision to be coded now covers (then runByte, predictRun,
   * updateRun), or 0 if there is none. `left`: the bytes left in the frame,
   * so a run never goes past the frame's end (both sides know it). Models 1
   * and 2 always answer 0.
   */
  runLength(left: number): number {
    if (!this.runPending) return 0;
    this.runPending = false;
    const n = this.runs!.offer(this.match, this.line, left);
    if (n === 0) this.afterRunDecision(false);
    return n;
  }

  /** The k-th byte of the run (k < runLength()). */
  runByte(k: number): number {
    return this.match.ahead(k);
  }

  /** P(the run is right) as p16. */
  predictRun(): number {
    return this.runs!.p;
  }

  /** Learns whether the run was right: a hit takes in its bytes; after a miss the byte goes on with its guess, else bit by bit. */
  updateRun(hit: number): void {
    const n = this.runs!.learn(hit);
    if (hit) this.takeRun(n);
    this.afterRunDecision(hit !== 0);
  }

  /**
   * A run's n bytes (the match's next ones), taken in as endByte would take
   * them one by one, but part by part: the match model moves on by n at once
   * (it knows the bytes), and each tracker takes them in its own loop.
   */
  private takeRun(n: number): void {
    const bytes = this.runBytes;
    const match = this.match;
    for (let k = 0; k < n; k++) bytes[k] = match.ahead(k);
    let share = this.guessedShare;
    let c4 = this.c4;
    let c8 = this.c8;
    let wordHash = this.wordHash;
    const runs = this.runs!;
    for (let k = 0; k < n; k++) {
      const c = bytes[k];
      share += (65536 - share) >> 8;
      runs.byteDone(c);
      wordHash = nextWordHash(wordHash, c);
    }
    match.takeRun(n, c4, c8);
    for (let k = 0; k < n; k++) {
      c8 = (c8 << 8) | (c4 >>> 24);
      c4 = (c4 << 8) | bytes[k];
    }
    this.guessedShare = share;
    this.c4 = c4;
    this.c8 = c8;
    this.wordHash = wordHash;
    this.line.takeRun(bytes, n);
    const numeric = this.numeric;
    if (numeric !== null) for (let k = 0; k < n; k++) numeric.push(bytes[k]);
    const fieldCopy = this.fieldCopy;
    if (fieldCopy !== null) for (let k = 0; k < n; k++) fieldCopy.push(bytes[k]);
    const records = this.records;
    if (records !== null) for (let k = 0; k < n; k++) records.push(bytes[k]);
    if (this.keepWords) for (let k = 0; k < n; k++) this.words.push(bytes[k]);
    const logContexts = this.logContexts;
    if (logContexts !== null) for (let k = 0; k < n; k++) logContexts.push(bytes[k]);
  }

  /**
   * After a run decision, or none (runLength answered 0): a hit starts the
   * next byte, else the byte goes on with its guess or bit by bit. One call
   * site for both, shared with runLength: a run's first miss, once V8 has
   * optimised updateRun, then meets a call that already has type feedback.
   */
  private afterRunDecision(runHit: boolean): void {
    if (runHit) this.startByte();
    else if (!this.offerGuess()) this.selectFirstNibble();
  }

  /** P(the next byte is expected()) as p16. */
  predictHit(): number {
    return this.guesses.hitP;
  }

  /** Learns whether the guess was right; a hit completes the byte. */
  updateHit(hit: number): void {
    const guesses = this.guesses;
    guesses.expect.update(hit);
    if (this.runs !== null) this.runs.guessed(hit);
    const guess = guesses.byte;
    guesses.byte = -1;
    // A numeric guess is not the match's: a hit ends the match (it foretold
    // another byte), a miss leaves it to the bits; the match's own guess ends
    // it by a miss. One call for both: a stream's first numeric hit often
    // comes after V8 has optimised this, and a call never run would throw that code away.
    const numericGuess = guesses.numeric;
    if ((hit !== 0) === numericGuess) this.match.stop();
    if (hit) {
      this.guessedShare += (65536 - this.guessedShare) >> 8;
      this.endByte(guess);
      this.startByte();
      return;
    }
    // A miss: the guess is excluded from the byte's last bit.
    this.excluded = guess | 256;
    this.selectFirstNibble();
  }

  /** P(next bit = 1) as an integer in [1, 65535] (units of 1/65536). */
  predict(): number {
    const c0 = this.c0;
    const ci = this.ci;
    const bitPos = this.bitPos;
    // Once 7 bits agree with a guess that missed, the last bit is known.
    // (forced is written on every call: a store first run in a rare branch,
    // after V8 has optimised predict(), would throw the optimised code away.)
    const excluded = this.excluded;
    const forced = bitPos === 7 && excluded >>> 1 === c0;
    this.forced = forced;
    const forcedP = 65535 - 65534 * (excluded & 1); // last bit 1: 1, else 65535
    if (forced) return forcedP;
    const x = this.x;
    // The contexts' counters. This loop stays here, not in a ContextTable
    // method: with it, predict() is too large for V8 to inline into the
    // caller (codeByte), so it is compiled on its own, with the network's
    // forward() inlined. Split up, it was inlined into codeByte, whose
    // inlining budget then ran out before forward(): 5 % slower at level 1.
    const table = this.table;
    const t = table.t;
    const line = table.line;
    const slot = table.slot;
    const counts = this.countsInUse;
    const n = table.n;
    // The base contexts' inputs come first; the text contexts' (in use only in text mode) follow the bias.
    const b = n < this.baseKinds.length ? n : this.baseKinds.length;
    const textRest = b < n;
    // Logs start in text mode (with count maps) and switch to this loop only
    // later, after V8 has optimised predict(): this loop runs once in text mode
    // too (its result overwritten below), so that its operations have type
    // feedback and the switch does not throw the optimised code away.
    const baseEnd = counts === null ? b : b < 1 ? b : 1;
    for (let i = 0; i < baseEnd; i++) {
      const s = line[i] + ci; // models 1-2: ci = c0, the frozen layout (context-table.ts)
      slot[i] = s;
      x[i] = counterLogit(t[s]);
    }
    if (counts === null) {
      if (textRest) this.textInputs(x, t, line, slot, ci, b, n);
    } else if (this.historiesOn) {
      this.histories!.inputs(x, t, line, slot, ci, n, b, this.textShift);
    } else {
      for (let i = 0; i < n; i++) {
        const s = line[i] + ci;
        slot[i] = s;
        x[i < b ? i : i + this.textShift] = counts.input(i, t[s]);
      }
    }
    // Without records in sight the record contexts say nothing (measured: their fixed counters as inputs cost text 0.1 %).
    if (this.recordsSilent) this.silenceRecordInputs(x);
    const match = this.match;
    x[this.matchInput] = match.input(c0, bitPos);
    if (this.weakInput >= 0) x[this.weakInput] = this.weak.input(c0, bitPos, this.guesses.hitP);
    if (this.numericInputAt >= 0) x[this.numericInputAt] = this.numericInput!.input(ci);

    const choice = this.choice;
    choice[Sel.PartialByte] = c0;
    // (Operands read on every call, matched or not: see MatchModel.input.)
    const matchLength = Math.min(match.len, 63);
    choice[Sel.MatchLength] = (match.slot < 0 ? 0 : matchLength) * 8 + bitPos;
    choice[Sel.FieldNumber] = this.fieldNumberSet | bitPos;
    choice[Sel.FieldOffset] = this.fieldOffsetSet | c0;
    // (diffState is the one set by this byte's diffHash, in selectFirstNibble.)
    if (this.numeric !== null) choice[Sel.NumericState] = (this.numeric.diffState << 8) | c0;
    // (Sel.Above and Sel.PreviousByte are set once per byte, in startByte.)
    const sets = this.sets;
    for (let k = 0; k < sets.length; k++) sets[k] = choice[this.selectors[k]];
    let d = this.net.forward(sets, this.outputByPartialByte ? c0 : bitPos);
    let pMix = this.net.p;
    if (this.second !== null) {
      // The two output logits averaged (integers, as clamped by both).
      d = (d + this.second.forward(this.net.h, choice[this.secondOutputSel])) >> 1;
      pMix = SQUASH[d + LOGIT_LIMIT];
    }
    if (this.apmStages === 0) return pMix;
    const p1 = this.apm1.refine(d, this.apm1Row | c0);
    // Each mix is computed before its test: text mode uses more stages than
    // some presets' log mode, and arithmetic first run after the switch to log
    // mode would throw predict()'s optimised code away (no type feedback yet).
    const mix1 = (pMix * (4 - this.apm1Share) + p1 * this.apm1Share) >> 2;
    if (this.apmStages === 1) return mix1;
    const p2 = this.apm2.refine(d, c0 | ((this.c4 & 0xff) << 8));
    const mix2 = (pMix + p1 + 2 * p2) >> 2;
    if (this.apmStages === 2) return mix2;
    const p3 = this.apm3.refine(d, c0 | (this.c4 & 0xff00));
    const p = (pMix + p1 + 3 * p2 + 3 * p3) >> 3;
    const apmMatch = this.apmMatch;
    if (apmMatch === null) return p;
    // By the match's length (up to 15) and the bit it expects here; 0 when it expects none.
    const expectsWhenMatched = (Math.min(match.len, 15) << 1) | ((match.byte >> (7 - bitPos)) & 1);
    const expects = match.slot < 0 ? 0 : expectsWhenMatched;
    return (p * 3 + apmMatch.refine(d, (expects << 8) | c0)) >> 2;
  }

  /** Learns from the bit just coded; call once after each predict(). */
  update(bit: number): void {
    const forced = this.forced;
    this.forced = false;
    if (!forced) {
      this.table.update(bit);
      if (this.historiesOn) this.histories!.learn(this.table.slot, this.table.n, bit);
      else if (this.countsInUse !== null) this.countsInUse.learn(bit, this.table.n);
      this.match.learn(bit);
      this.weak.learn(bit);
      if (this.numericInput !== null) this.numericInput.learn(bit);
      // Level 9: every 4096 bits trained, the first layer's rate moves on (learningSchedule).
      if (this.learningSchedule !== null && (++this.trainedBits & 4095) === 0) this.scheduleLearning(this.learningSchedule);
      this.net.train(bit);
      if (this.second !== null) this.second.train(this.net.h, bit);
      if (this.apmStages > 0) this.apm1.update(bit);
      if (this.apmStages > 1) this.apm2.update(bit);
      if (this.apmStages > 2) this.apm3.update(bit);
      if (this.apmMatch !== null) this.apmMatch.update(bit);
    }

    this.c0 = (this.c0 << 1) | bit;
    this.ci = (this.ci << 1) | bit;
    this.bitPos++;
    if (this.bitPos === 8) {
      const c = this.c0 & 255;
      // A guess too weak to be coded still teaches the expected-byte model.
      const predicted = this.guesses.predicted;
      if (predicted >= 0) this.guesses.expect.update(predicted === c ? 1 : 0);
      if (this.runs !== null) this.runs.guessed(0);
      this.guessedShare -= this.guessedShare >> 8;
      this.endByte(c);
      this.startByte();
    } else if (this.bitPos === 4) {
      this.table.selectSecond(this.c0 & 15);
      if (this.numericInput !== null) this.numericInput.selectSecond(this.c0 & 15);
      if (this.historiesOn) this.histories!.own(this.table.t, this.table.line, this.table.n);
      if (this.nibbleLines) this.ci = 1;
    }
  }

  private scheduleLearning(schedule: LearningSchedule): void {
    const k = schedule.k;
    this.net.setLearningRate(schedule.end + ((schedule.start - schedule.end) * k) / (k + this.trainedBits));
  }

  /** Every part takes in byte c. (A part added here must also take a run's bytes in takeRun.) */
  private endByte(c: number): void {
    if (this.runs !== null) this.runs.byteDone(c);
    this.c8 = (this.c8 << 8) | (this.c4 >>> 24);
    this.c4 = (this.c4 << 8) | c;
    this.wordHash = nextWordHash(this.wordHash, c);
    this.match.push(c, this.c4, this.c8);
    this.line.push(c);
    if (this.numeric !== null) this.numeric.push(c);
    if (this.fieldCopy !== null) this.fieldCopy.push(c);
    if (this.records !== null) this.records.push(c);
    if (this.keepWords) this.words.push(c);
    if (this.logContexts !== null) this.logContexts.push(c);
  }

  /** Text mode without count maps: the text contexts' inputs, after the bias (out of predict(), which only logs run hot). */
  private textInputs(x: Float64Array, t: Uint32Array, line: Int32Array, slot: Int32Array, ci: number, b: number, n: number): void {
    const shift = this.textShift;
    for (let i = b; i < n; i++) {
      const s = line[i] + ci;
      slot[i] = s;
      x[i + shift] = counterLogit(t[s]);
    }
  }

  private silenceRecordInputs(x: Float64Array): void {
    if (this.recordAboveAt >= 0) x[this.recordAboveAt] = 0;
    if (this.recordAboveLeftAt >= 0) x[this.recordAboveLeftAt] = 0;
    if (this.recordTwoAboveAt >= 0) x[this.recordTwoAboveAt] = 0;
  }

  /** Sets up the next byte: its per-byte weight sets, its guess, else its first nibble's counters. */
  private startByte(): void {
    this.c0 = 1;
    this.ci = 1;
    this.bitPos = 0;
    this.excluded = 0;
    const line = this.line;
    line.look();
    this.choice[Sel.Above] = (this.fieldAboveSelector ? line.fieldByte : line.above) & 255;
    this.choice[Sel.PreviousByte] = this.c4 & 255;
    if (this.level9Selectors) {
      this.fieldOffsetSet = Math.min(line.fieldPos, 15) << 8;
      const logContexts = this.logContexts;
      this.choice[Sel.FieldShape] = logContexts !== null ? logContexts.shapeSet() : 0;
    }
    this.fieldNumberSet = Math.min(line.field, 31) << 3;
    // Model 3: the run (and then the guess) waits for runLength(), which knows the bytes left in the frame.
    if (this.runs !== null) this.runPending = true;
    else if (!this.offerGuess()) this.selectFirstNibble();
  }

  /** This byte's guess (guess.ts); true if it is to be coded as its own decision. */
  private offerGuess(): boolean {
    if (this.textGuessThreshold >= 0) {
      // In text mode after a printable byte or a line feed (prose): preset proseGuess's threshold.
      // (Every operand read on every call, moves choose: log mode comes after V8 has optimised this.)
      const logThreshold = this.guessThreshold;
      const proseThreshold = this.proseGuessThreshold;
      const textThreshold = this.textGuessThreshold;
      const prose = proseThreshold >= 0 && isProseByte(this.c4 & 255);
      this.guesses.threshold = this.guessedShare >= 32768 ? logThreshold : prose ? proseThreshold : textThreshold;
    }
    // Numeric guesses out of text mode only (measured, level 6: logs -29 bytes, text +4).
    const numeric = this.numeric;
    return this.guesses.offer(this.match, this.line, this.c4, this.c8, this.weak, this.guessedShare >= 32768 ? numeric : null);
  }

  /**
   * Enters text mode (`text`) or leaves it; `extra`: the gated contexts are
   * in use. At the stream's first byte coded bit by bit (textMode unset) it
   * sets what the constructor set already: nothing changes.
   */
  private switchMode(text: boolean, extra: boolean): void {
    // Both modes' operands are read on every call and moves choose: should
    // this be optimised (data that switches often), a switch the other way
    // then meets no operation without type feedback.
    const kindsLength = this.kinds.length;
    const baseLength = this.baseKinds.length;
    const net = this.net;
    const inputs = net.inputs;
    const baseActive = baseLength + this.textShift;
    const presetStages = this.presetApmStages;
    const textStages = Math.max(2, presetStages);
    const counts = this.counts;
    const hasWords = this.hasWords;
    const logExtras = this.logExtras;
    const hasHistories = this.histories !== null;
    // A new text stretch starts from no word: only after log mode (the stream's first call comes from unset).
    const fromLog = this.textMode === MODE_LOG;
    this.textMode = text ? MODE_TEXT : MODE_LOG;
    const gated = this.split ? (text ? this.gatedText : this.gatedLog) : extra ? kindsLength - baseLength : 0;
    this.table.n = baseLength + gated;
    // The gated contexts' inputs (after the bias) are left out of the network while unused.
    net.active = gated === kindsLength - baseLength ? inputs : baseActive + gated;
    // Left-out inputs read as 0 (what the network computes with them: Network.active).
    if (net.active < inputs) this.x.fill(0, net.active);
    // Stored only when they change: a field V8 has seen written once is a
    // constant in optimised code, and a store to it (even of the same value)
    // throws away predict() and update() (at level 6 neither ever changes).
    const aboveSelector = logExtras && !text;
    if (this.fieldAboveSelector !== aboveSelector) this.fieldAboveSelector = aboveSelector;
    const historiesOn = !text && hasHistories;
    if (this.historiesOn !== historiesOn) this.historiesOn = historiesOn;
    if (this.textApm) this.apmStages = text ? textStages : presetStages;
    if (!logExtras || this.split) {
      this.countsInUse = text ? counts : null;
      // Words are followed only in text mode; a new text stretch starts from no word.
      this.keepWords = text && hasWords;
      this.words.resetWhen(text && fromLog);
    }
  }

  /** The context hashes of a byte coded bit by bit, and its first nibble's counters. */
  private selectFirstNibble(): void {
    const hashes = this.table.hashes;
    let kinds = this.textKinds;
    if (this.gated) {
      const logContexts = this.logContexts;
      const text = this.guessedShare < 32768 || (logContexts !== null && logContexts.binary());
      // The gated contexts: text ones in text mode, or (preset logContexts) log ones out of it.
      const extra = this.split || text !== this.logExtras;
      // The switch is a method of its own (cold code inside this one would be
      // compiled with it, issue 11). Its call runs at the stream's first byte
      // coded bit by bit (textMode starts unset), so it has type feedback
      // before V8 optimises this: a first switch after that throws nothing away.
      const mode = text ? MODE_TEXT : MODE_LOG;
      if (mode !== this.textMode) this.switchMode(text, extra);
      const baseKinds = this.baseKinds;
      const textSelector = this.textSelector;
      // Text mode's list (textKinds) with the text contexts in use: with both groups (split), in text mode.
      const useTextKinds = this.split ? text : extra;
      kinds = useTextKinds ? kinds : baseKinds;
      if (useTextKinds && textSelector) this.fieldNumberSet = textWeightSet(this.c4, this.match.len);
    }
    hashContexts(kinds, hashes, this.c4, this.c8, this.wordHash, this.line, this.words);
    const numeric = this.numeric;
    if (numeric !== null) {
      if (this.numericDiffAt >= 0) hashes[this.numericDiffAt] = numeric.diffHash(this.c4 & 255);
      if (this.numericDeltaAt >= 0) hashes[this.numericDeltaAt] = numeric.deltaHash(this.c4 & 255);
      if (this.numericApm) this.apm1Row = numeric.diffState << 8;
      if (this.numericInput !== null) this.numericInput.select(numeric, this.excluded, this.c4 & 255);
    }
    if (this.fieldCopy !== null) hashes[this.fieldCopyAt] = this.fieldCopy.hash();
    if (this.logContexts !== null && this.textMode === MODE_LOG) this.logContexts.hash(hashes, this.c4 & 255);
    const records = this.records;
    this.recordsSilent = records !== null && !records.active;
    if (records !== null) {
      if (this.recordAboveAt >= 0) hashes[this.recordAboveAt] = records.aboveHash();
      if (this.recordAboveLeftAt >= 0) hashes[this.recordAboveLeftAt] = records.aboveLeftHash(this.c4 & 255);
      if (this.recordTwoAboveAt >= 0) hashes[this.recordTwoAboveAt] = records.twoAboveHash();
    }
    this.table.selectFirst();
    if (this.historiesOn) this.histories!.own(this.table.t, this.table.line, this.table.n);
  }
}
