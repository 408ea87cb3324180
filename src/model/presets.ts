/**
 * Levels 1-9: which contexts the network sees and how large its tables are.
 * The level and the table size are written in the stream header, so a
 * decompressor rebuilds exactly the network the compressor used.
 */

/** The context kinds a level may enable (see contexts.ts for what each is). */
export const enum Ctx {
  Order1 = 0,
  Order2 = 1,
  Order3 = 2,
  Order4 = 3,
  Order6 = 4,
  Word = 5,
  Column = 6,
  Field = 7,
  Order0 = 8,
  Order5 = 9,
  Sparse = 10,
  FieldPosition = 11,
  // Text contexts (word-tracker.ts), model 3.
  WordFolded = 12,
  WordPair = 13,
  /** numeric.ts: the digits so far against the previous line's number in this field (level 9). */
  NumericDiff = 20,
  /** numeric.ts: the previous line's number plus its last change, digit by digit (level 9). */
  NumericDelta = 21,
  /** The byte of an earlier field of this line that this field copies, by the previous line (field-copy.ts). */
  FieldCopy = 22,
  /** record.ts: fixed-length records, the bytes one record above (level 9). */
  RecordAbove = 30,
  /** record.ts: the byte one record above and the last byte (level 9). */
  RecordAboveLeft = 31,
  /** record.ts: the bytes one and two records above (level 9). */
  RecordTwoAbove = 32,
  /** log-contexts.ts: the previous line's whole field at this field number and the current field's bytes so far (level 9, log mode). */
  FieldAbove = 42,
  /** log-contexts.ts: the current field's shape so far (digits, letters), the field number and the last byte (level 9, log mode). */
  FieldShape = 44,
  /** log-contexts.ts: the whole field at this field number two lines above and the current field's bytes so far (level 9, log mode). */
  FieldTwoAbove = 45,
  /** log-contexts.ts: the whole field above, the field before this one and the current field's bytes so far (level 9, log mode). */
  FieldAboveBefore = 46,
  /** log-contexts.ts: the line so far with each run of digits as one, and the last byte (level 9, log mode). */
  LineShape = 51,
  /** log-contexts.ts: the line so far with each run of digits or of letters as one, and the current field's bytes so far (level 9, log mode). */
  LineSkeleton = 52,
  /** log-contexts.ts: the whole field at this field number of the last line of the same shape so far, and the current field's bytes so far (level 9, log mode). */
  FieldTemplate = 53,
}

/** What selects the weight set of a first-layer neuron of the network. */
export const enum Sel {
  /** The bits of the current byte seen so far (256 sets). */
  PartialByte = 0,
  /** The match model's current length and the bit position (512 sets). */
  MatchLength = 1,
  /** The previous sentence's byte at this column (256 sets). */
  Above = 2,
  /** The field number (capped at 31) and the bit position (256 sets). */
  FieldNumber = 3,
  /** The previous byte (256 sets). */
  PreviousByte = 4,
  /** The numeric state (numeric.ts diffState) and the partial byte (2048 sets; needs a numeric context). */
  NumericState = 5,
  /** The byte's offset in its field (capped at 15) and the partial byte (4096 sets). */
  FieldOffset = 6,
  /** A hash of the current field's shape so far and the field number (log-contexts.ts; 4096 sets; level 9). */
  FieldShape = 7,
}

export interface ModelPreset {
  level: number;
  /** log2 of the number of 64-byte buckets in the shared hashed-context table. */
  tableBits: number;
  contexts: Ctx[];
  /** log2 of the match model's history (bytes) and of its hash table (entries). */
  historyBits: number;
  matchBits: number;
  /** Adaptation of the context counters: the rate never falls below 1 / (limit + 1.5). */
  counterLimit: number;
  /** One first-layer neuron per entry, each gated by that selector. */
  neurons: Sel[];
  /** Adaptive probability maps after the network: 0, 1 (by partial byte), 2 (+ by previous byte) or 3 (model 3: + by the second-last byte). */
  apmStages: number;
  /**
   * Model 2: a guessed byte is coded as one decision "the byte is the guess"
   * when its probability is at least this (p16); a weaker guess is an input
   * of the bit network instead. -1 for model 1, which codes every byte bit by bit.
   */
  guessThreshold: number;
  /**
   * Model 3: a second-nibble counter sits in its own line, at slot 1..15 by
   * the nibble's bits so far (context-table.ts). False in models 1 and 2,
   * whose counter is at line + c0 (frozen).
   */
  nibbleLines: boolean;
  /**
   * Model 3: a run decision ("the match's bytes up to the next space, tab or
   * line feed are right", run.ts) is coded when its probability is at least
   * this (p16); a weaker run is learned from the bytes as they come. -1 in
   * models 1 and 2, which have no runs.
   */
  runThreshold: number;
  /** The bit network's output weight sets: by the partial byte c0 (256) instead of the bit position (8). */
  outputByPartialByte: boolean;
  /** The bit network's output learning rate; undefined: settings.ts LEARNING's (0.005), all but model 3's level 9. */
  outputLearningRate: number | undefined;
  /** A last APM by the match model's length and expected bit, mixed in 1/4 (model 3's level 9). */
  matchApm: boolean;
  /** With a NumericDiff context: the first APM goes by the numeric state (numeric.ts diffState) and c0, and has 3/4 of the one-stage mix (else 1/2). */
  numericApm: boolean;
  /**
   * Model 3: the guess threshold (p16) while fewer than half of the recent
   * bytes were taken by guesses or runs (text); -1: guessThreshold always.
   */
  textGuessThreshold: number;
  /** Model 3: each context's counter reaches the network through its count map (count-maps.ts). */
  countMaps: boolean;
  /**
   * Model 3: the last this many contexts are text contexts, used (and, with
   * countMaps, the count maps too) only while fewer than half of the recent
   * bytes were taken by guesses or runs (Predictor.textMode); 0: all always.
   */
  textContexts: number;
  /**
   * Model 3 (levels 7-9): the last this many contexts are log contexts, used
   * only while at least half of the recent bytes were taken by guesses or
   * runs (the mirror of textContexts); 0: none. With both (levels 7 and 8)
   * the two groups take turns in the slots after the base contexts: the
   * text ones in text mode, the log ones in log mode (predictor.ts split).
   */
  logContexts: number;
  /** Model 3 (level 9): in log mode (see logContexts) the counters reach the network through maps keyed by their bit histories (bit-history.ts). */
  logHistories: boolean;
  /** Model 3 (with textContexts): in text mode, a second APM by the partial byte and the last bytes (Predictor.predict). */
  textApm: boolean;
  /**
   * Model 3 (with textContexts): the contexts of text mode, one per context
   * of `contexts` (a log context may be replaced by a text one, in its place
   * in the table and the network); empty: `contexts` in both modes.
   */
  textKinds: Ctx[];
  /**
   * Model 3 (with textGuessThreshold): in text mode, the guess threshold
   * (p16) after a printable ASCII byte or a line feed (prose), where
   * textGuessThreshold holds after any other byte; -1: textGuessThreshold always.
   */
  proseGuessThreshold: number;
  /**
   * Model 3 (with textContexts): in text mode the neuron gated by the field
   * number is gated by the letter classes of the last two bytes and whether
   * there is a match instead (Predictor textWeightSet).
   */
  textSelector: boolean;
  /**
   * Model 3: the expected-byte model's cheaper context hashes and its sure-hit
   * skip (expect.ts). False in models 1 and 2, whose expected-byte model is frozen.
   */
  fastExpect: boolean;
  /**
   * Model 3 (level 6): where the guess is too weak, the previous line's number plus its
   * change (numeric.ts expectedDigit) is a second guess, coded from this p16 (or the
   * guess threshold if higher); -1: none. Needs a numeric context.
   */
  numericGuessThreshold: number;
  /** Model 3 (level 6): NumericDelta as a direct input of the bit network (numeric.ts NumericInput), not a hashed context. */
  numericInput: boolean;
  /** Model 3's level 9: a second output neuron, its weight sets by this selector (second-output.ts); -1: none. */
  secondOutput: number;
  /**
   * Model 3's level 9: the bit network's first-layer learning rate falls from
   * `start` towards `end` as bits are trained: end + (start − end) · k / (k + bits)
   * (Predictor.update); null: settings.ts LEARNING's rate, fixed.
   */
  learningSchedule: LearningSchedule | null;
}

/** ModelPreset.learningSchedule. */
export interface LearningSchedule {
  start: number;
  end: number;
  /** The bits trained at which the rate is halfway from start to end. */
  k: number;
}

/** The model new streams use (unreleased). Models 1 and 2 are still decoded, never written. */
export const MODEL_ID = 3;
/** Model 2, written by nnzip 0.2.0 (frozen). */
export const MODEL2_ID = 2;
/** Model 1, written by nnzip 0.1.0 (frozen): the oldest id this build decodes. */
export const LEGACY_MODEL_ID = 1;
export const DEFAULT_LEVEL = 6;
export const MIN_TABLE_BITS = 10;
export const MAX_TABLE_BITS = 22;

/**
 * Each level: its contexts (in the order they feed the network), its
 * first-layer neurons, APM stages, default table size and guess threshold.
 * Measured on the LogHub and biglog files: with model 2's guesses, the
 * field-position context is worth 1-1.6 % at level 6 (HDFS 4 %) and order 6
 * nothing (the guesses already follow long contexts), so the first takes the
 * second's place; the column context stays (without it a table of binary
 * records, kennedy.xls, grows by 40 %). A neuron gated by the field number is
 * worth 0.2 % in place of the one gated by match length (levels 2-7) and 0.7 %
 * as a third one; level 9's fifth neuron, gated by the previous byte, 0.5 %.
 * Model 1's presets are kept as they were, so that its streams still decode.
 */
interface LevelSpec {
  contexts: Ctx[];
  neurons: Sel[];
  apmStages: number;
  tableBits: number;
  historyBits: number;
  matchBits: number;
  /** The guess threshold, as a probability (lower is faster, higher a little stronger); -1: no guesses. */
  guess: number;
  /** Model 3: the run threshold, as a probability; absent: no runs (and the frozen counter layout). */
  run?: number;
  /** Model 3's level 9 (ModelPreset): output weight sets by c0, its learning rate, the match APM. */
  outputByPartialByte?: boolean;
  outputLearningRate?: number;
  matchApm?: boolean;
  /** Model 3: ModelPreset.numericApm. */
  numericApm?: boolean;
  /** Model 3: the guess threshold for text (see ModelPreset.textGuessThreshold); absent: guess always. */
  textGuess?: number;
  /** Model 3: counters through count maps (count-maps.ts). */
  countMaps?: boolean;
  /** Model 3: contexts appended to `contexts`, used only on text (ModelPreset.textContexts). */
  textContexts?: Ctx[];
  /** Model 3: contexts appended to `contexts`, used only on logs (ModelPreset.logContexts). */
  logContexts?: Ctx[];
  /** Model 3: ModelPreset.logHistories. */
  logHistories?: boolean;
  /** Model 3: ModelPreset.textApm. */
  textApm?: boolean;
  /** Model 3: [log context, its text-mode replacement] (ModelPreset.textKinds). */
  textReplace?: [Ctx, Ctx][];
  /** Model 3: the text-mode guess threshold after a printable byte (ModelPreset.proseGuessThreshold); absent: textGuess always. */
  proseGuess?: number;
  /** Model 3: ModelPreset.textSelector. */
  textSelector?: boolean;
  /** Model 3: ModelPreset.numericGuessThreshold, as a probability; absent: none. */
  numericGuess?: number;
  /** Model 3: ModelPreset.numericInput. */
  numericInput?: boolean;
  /** Model 3's level 9: ModelPreset.secondOutput. */
  secondOutput?: Sel;
  /** Model 3's level 9: ModelPreset.learningSchedule. */
  learningSchedule?: LearningSchedule;
}

const FAST: Ctx[] = [Ctx.Order1, Ctx.Order3, Ctx.Column, Ctx.FieldPosition];
const NORMAL: Ctx[] = [Ctx.Order1, Ctx.Order3, Ctx.Column, Ctx.Field, Ctx.FieldPosition, Ctx.Word];
const STRONG: Ctx[] = [Ctx.Order1, Ctx.Order2, Ctx.Order3, Ctx.Column, Ctx.Field, Ctx.Order4, Ctx.Word, Ctx.FieldPosition];
const STRONGEST: Ctx[] = [...STRONG, Ctx.Order0, Ctx.Order5, Ctx.Sparse];
const ONE: Sel[] = [Sel.PartialByte];
const TWO: Sel[] = [Sel.PartialByte, Sel.FieldNumber];
const THREE: Sel[] = [Sel.PartialByte, Sel.MatchLength, Sel.FieldNumber];
const FIVE: Sel[] = [Sel.PartialByte, Sel.MatchLength, Sel.Above, Sel.FieldNumber, Sel.PreviousByte];
const SIX: Sel[] = [...FIVE, Sel.NumericState];

/**
 * Model 3's level 9 beyond model 2's (measured on LogHub + biglog, level 9,
 * each on top of the one before): the numeric contexts (numeric.ts) -2.8 %;
 * the output weight sets by the partial byte, its learning rate 0.002 and
 * the match APM -0.6 % (text -0.4 %); a table of 2^21 lines -0.45 % (2^22: -0.7 %, but 440 MiB).
 * A field that copies an earlier field of its line (field-copy.ts): -0.7 % (BGL -6 %).
 * Guesses coded from P >= 0.98 and runs from 0.99 (were 0.95, 0.97): -0.2 %.
 * Fixed-length records (record.ts): ptt5 -25 %, kennedy.xls -18 %, logs -0.17 %.
 * A sixth neuron gated by the numeric state and c0: -0.22 % (as the output
 * weight sets' selector instead: -0.13 %, small logs larger).
 * A table of 2^20 hashed lines (was 2^19): -0.24 %, RSS 226 -> 261 MB (2^21: -0.33 %, 329 MB).
 * Not taken: bit histories beside the counters keying the count maps (as lpaq's
 * indirect models): logs -0.25 %, held-out logs -4 %, text the same, but ~25 %
 * slower (a second random memory access per context and nibble).
 * A seventh neuron gated by the offset in the field with c0. Not taken then: one by
 * a 12-bit hash of the last two bytes (-0.2 % more on logs, but ~10 % slower:
 * its 4096 weight sets are read all over, cache misses), by the
 * second-last byte (-0.09 % more, ~8 % slower), by a hash of the last three
 * bytes (-0.06 %), by how many contexts have seen their slot (-0.03 %), by
 * the previous line's byte at this offset of the field (+0.02 %).
 * An eighth neuron gated by a 12-bit hash of the last two bytes (session 9, where
 * level 9 may spend time): logs 233,799 -> 233,019 (-0.33 %), held-out logs
 * 60,345 -> 60,094 (-0.4 %). A ninth gated by the field's shape so far
 * and the field number (log-contexts.ts shapeSet): logs -> 232,161 (-0.37 %),
 * held-out -> 59,764 (-0.55 %). The first layer's learning rate falling from
 * 0.03 to 0.013, halfway after 2^19 bits trained (learningSchedule; fixed
 * 0.013: biglog -0.13 %, LogHub +0.4 %; fixed 0.03: biglog +0.5 %, LogHub
 * -0.1 %): logs -> 231,634 (-0.23 %), held-out -> 59,518 (-0.41 %); halfway
 * after 2^20 bits: 231,792, 2^22: 232,162; from 0.045: 232,294.
 * A table of 2^21 hashed lines (was 2^20): logs 231,555 -> 230,943 (-0.26 %),
 * held-out 59,513 -> 59,459; peak RSS of the command on a 2.3 MB log 153 -> 234 MiB.
 * The bit network learning from every bit (skip 0, was 1/128), the numeric
 * APM (as level 6's) and the learning rate falling to 0.01 (was 0.013):
 * logs -> 230,679 (-0.11 %), held-out -> 59,434. Two more neurons, gated by
 * the second-last byte and by the field number with c0: logs -> 230,454
 * (-0.1 %), held-out -> 59,246 (-0.3 %) (screened in another neuron order).
 * Taken back out, with the skip of 0 and the LastTwoHash neuron, because
 * they took level 9 on text under issue 13's floor of 100 KB per CPU second
 * (bench: 0.111 -> 0.081 MB/s; without these three, ~0.93 of the old speed):
 * logs 230,276 -> 230,935, text 348,084 -> 349,589, held-out 59,184 -> 59,573
 * (with level 6's numbers merged).
 * A second output neuron, its weight sets by the match length (second-output.ts): -0.40 %
 * (a third one by the field offset, three logits averaged: -0.05 % more, not taken).
 * Log contexts (log-contexts.ts: whole fields of the lines above, the field's
 * shape), in use only out of text mode: logs 236,696 -> 234,234 (-1.04 %),
 * held-out logs -0.9 %, text (kennedy.xls, ptt5 go in and out of log mode) the same.
 * In log mode the counters through maps keyed by bit histories (bit-history.ts)
 * instead of the count maps: logs the same (234,185 -> 234,203: biglog +0.4 %,
 * LogHub -0.4 %), held-out logs -3.1 % (62,293 -> 60,377), log speed about
 * -25 % (~0.23 MB/s per CPU second under load, 2x the budget), text unchanged.
 * NumericDelta as a direct input (numericInput, as level 6's) in place of its
 * hashed context: logs 233,799 -> 233,654, text 351,199 -> 351,144, one hashed context fewer.
 * Log mode only where the recent bytes do not look binary (over 1/16 control
 * characters, LogContexts.binary()): kennedy.xls and ptt5 spent most of their
 * bit-coded bytes in log mode, slower for nothing (session 10, with the three
 * line-template contexts): kennedy.xls +234 bytes but 0.20 -> 0.28 MB/s per CPU
 * second, ptt5 -84, level 9 on text 0.107 -> 0.117 (fresh processes, as the
 * bench), logs and held-out logs the same bytes.
 * Not taken (session 10): five neurons in use only in log mode (Network
 * would need an active count; branch h1): gated by a hash of the last two
 * bytes, the second-last byte, the field number with c0, the match's byte and
 * the weak guess's byte, each with the bit position: logs 227,468 -> 227,058,
 * held-out 58,817 -> 58,567, but level 9 on generated logs 0.127 -> 0.113 MB
 * per CPU second (bench: 0.099, under the 100 KB/s budget). The skip of 0 in
 * log mode: logs -82 more, kennedy.xls 20 % slower (before the binary gate).
 * Three more log contexts (log-contexts.ts), the line so far as a template:
 * its shape (digit runs as one) with the last byte, its skeleton (digit and
 * letter runs as one) with the field so far, and the field last seen after
 * the same shape: logs 230,935 -> 227,468 (-1.5 %; each alone -2,428,
 * -2,179, -1,708), held-out logs 59,573 -> 58,817 (-1.3 %).
 * Not taken (each alone, logs / held-out): the field that followed the field
 * before last time -437 / -699 (with the other three: +34 / -20 more); the
 * two bytes that followed the last two bytes last time -420 / -312 (order 1:
 * -357 / -191); the field last seen after the same skeleton -1,094 / -107.
 */
const LEVEL9_EXTRAS: Partial<LevelSpec> = {
  contexts: [...STRONGEST, Ctx.NumericDiff, Ctx.FieldCopy, Ctx.WordFolded, Ctx.WordPair, Ctx.RecordAbove, Ctx.RecordAboveLeft, Ctx.RecordTwoAbove],
  outputByPartialByte: true,
  outputLearningRate: 0.002,
  matchApm: true,
  neurons: [...SIX, Sel.FieldOffset, Sel.FieldShape],
  secondOutput: Sel.MatchLength,
  tableBits: 21,
  guess: 0.98,
  run: 0.99,
  logContexts: [Ctx.FieldAbove, Ctx.FieldShape, Ctx.FieldTwoAbove, Ctx.FieldAboveBefore, Ctx.LineShape, Ctx.LineSkeleton, Ctx.FieldTemplate],
  logHistories: true,
  numericInput: true,
  learningSchedule: { start: 0.03, end: 0.01, k: 1 << 19 },
  numericApm: true,
};


/** Model 2, written by nnzip 0.2.0. Still decoded, never written. */
const MODEL2_LEVELS: LevelSpec[] = [
  { contexts: FAST, neurons: ONE, apmStages: 0, tableBits: 18, historyBits: 20, matchBits: 18, guess: 0 },
  { contexts: FAST, neurons: TWO, apmStages: 1, tableBits: 19, historyBits: 21, matchBits: 19, guess: 0.3 },
  { contexts: NORMAL, neurons: ONE, apmStages: 1, tableBits: 19, historyBits: 22, matchBits: 20, guess: 0.4 },
  { contexts: NORMAL, neurons: TWO, apmStages: 1, tableBits: 19, historyBits: 22, matchBits: 20, guess: 0.4 },
  { contexts: NORMAL, neurons: TWO, apmStages: 1, tableBits: 20, historyBits: 22, matchBits: 20, guess: 0.4 },
  { contexts: NORMAL, neurons: TWO, apmStages: 1, tableBits: 20, historyBits: 22, matchBits: 20, guess: 0.5 },
  { contexts: STRONG, neurons: TWO, apmStages: 2, tableBits: 20, historyBits: 23, matchBits: 21, guess: 0.6 },
  { contexts: STRONG, neurons: THREE, apmStages: 2, tableBits: 20, historyBits: 24, matchBits: 22, guess: 0.7 },
  { contexts: STRONGEST, neurons: FIVE, apmStages: 2, tableBits: 20, historyBits: 24, matchBits: 22, guess: 0.95 },
];

/**
 * Model 3's level 9 for text (measured on the Canterbury texts with a table
 * of a line per nibble context, as model 3's hashed lines now are for every
 * level): the case-folded word and word-pair contexts (-1.4 %, logs -0.9 %;
 * with model 2's 17-line blocks they gave 0.9 %), and count maps
 * (count-maps.ts: -1.0 %, kennedy.xls -9 %, logs -0.4 %).
 */
const LEVEL9_TEXT: Partial<LevelSpec> = { countMaps: true };
/**
 * Level 6's log contexts Column and Field, in text mode, give their place
 * (table and network input) to an order-0 context (one line, always in
 * cache), leaving the table to the text contexts. Measured: Canterbury
 * 394,748 -> 392,734 (lcet10 -0.5 %, plrabn12 -0.8 %), other text -0.7 %,
 * LogHub -0.1 % (its short logs start in text mode), biglog the same;
 * FieldPosition stays (without it LogHub +0.1 %); order 5, order 6 or the
 * sparse context in their place were larger.
 */
const LEVEL6_TEXT_REPLACE: [Ctx, Ctx][] = [
  [Ctx.Column, Ctx.Order0],
  [Ctx.Field, Ctx.Order0],
];
/**
 * Model 3's level 6 for text: while most bytes go bit by bit (prose, not
 * logs), a guess is coded only from P >= 0.8 (the bit contexts do not learn
 * the guessed bytes, which prose needs): Canterbury -1.1 %, logs +0.02 %.
 * After a printable byte or a line feed (proseGuess), only from P >= 0.98:
 * the bit network, with the weak guess as an input, codes prose's likely
 * guesses better, and its contexts learn those bytes. Measured: Canterbury
 * 392,734 -> 388,763 (lcet10 1.048 -> 1.024, plrabn12 1.025 -> 1.017 of
 * lpaq1), other text -1.6 %, LogHub -0.1 %. From 0.98 after every byte:
 * ptt5 +1.6 % (1.046), LogHub +0.03 %; from 0.9 or 0.95: lcet10 1.035, 1.028.
 * In text mode the second neuron's weight set goes by the letter classes of
 * the last two bytes and whether there is a match (textSelector), not by the
 * field number: Canterbury 388,763 -> 386,154 (lcet10 1.018), other text
 * -1.1 %, logs -0.01 %; by the previous byte's top 5 bits, by its class of
 * 8 or with the weak guess's P: smaller gains.
 */
const LEVEL6_TEXT: Partial<LevelSpec> = {
  textGuess: 0.8,
  textContexts: [Ctx.Order2, Ctx.Order4, Ctx.WordFolded, Ctx.WordPair],
  countMaps: true,
  textApm: true,
  textReplace: LEVEL6_TEXT_REPLACE,
  proseGuess: 0.98,
  textSelector: true,
};

/**
 * Model 3's level 6 for logs (measured on LogHub + biglog, level 6, against
 * model 2's level 6 with model 3's parts: 267,726 bytes): the numeric
 * contexts (numeric.ts) -3.1 %, an APM by the numeric state and c0 mixed in
 * 1/2 -0.13 % (a neuron gated by it: -0.55 %, but a third neuron: too slow),
 * the field copy (field-copy.ts) -1 % (BGL -6 %), in place of order 1 (+0.1 %,
 * text -0.1 %) and the field context (+0.25 %), which cost as much time as
 * they are worth; runs coded from P >= 0.95 (was 0.9) -0.2 %. Altogether
 * -4.0 % (text -0.4 %, held-out logs -0.8 %), CPU about +10 % on the big logs.
 * Guesses coded from P >= 0.65 (was 0.5; with level 6's text mode merged):
 * logs 256,751 -> 255,413 (-0.5 %, 0.549 of xz -9), text 385,973 -> 385,866,
 * CPU about +2 % (4 alternated rounds); from 0.6: -0.36 %; from 0.7: -0.65 %
 * but CPU +10 %. The NumericDiff and NumericDelta states as one context: +0.9 %.
 * The numeric APM's map as the first APM (by the numeric state and c0, 3/4 of
 * the mix), where it was a second one beside the one by c0 (1/2 of the mix):
 * logs 255,413 -> 255,283, text 385,866 -> 385,878, 2.0 % fewer instructions
 * (cachegrind, warm decompression of a generated syslog); mixed in 1/2: logs +104.
 * Measured without (logs vs. 255,413, instructions vs. the same): NumericDelta
 * +2,493 (-6.0 %; as an order-1 context where no change is known, +812),
 * NumericDiff +5,700, both +12,500 (-15 %), FieldCopy +2,581 (-5.4 %).
 * Numeric guesses (numericGuess, guess.ts): logs 254,114 -> 253,350, bit-coded
 * bytes of Linux_full -15 %. NumericDelta as a direct input (numericInput,
 * numeric.ts NumericInput: its state indexes 17 counter lines of its own, no
 * hashed line to fetch): 253,350 -> 253,189 (as a bit predicted only while
 * the byte agrees with the foretold digit, 1/64-rate counters: +1,376).
 */
const LEVEL6_LOGS: Partial<LevelSpec> = {
  contexts: [Ctx.Order3, Ctx.Column, Ctx.FieldPosition, Ctx.Word, Ctx.NumericDiff, Ctx.FieldCopy],
  numericInput: true,
  numericApm: true,
  run: 0.95,
  guess: 0.65,
  numericGuess: 0.8,
};

/**
 * Model 3's level 7: level 6 (its table, contexts, numeric parts and
 * thresholds) plus level 9's line-template log contexts (LineShape,
 * LineSkeleton, FieldTemplate) and two more neurons, gated by the match
 * length and by the field offset. Its text mode is level 6's; in log mode
 * the log contexts take the text contexts' slots (predictor.ts split). Model 2's
 * levels 7 and 8 (STRONG contexts, 2-3 neurons, 2 APMs) had not been given
 * level 6's model 3 parts: with model 3 they wrote more than level 6 on
 * every folder (biglog +1.1 / +2.5 %, LogHub +4.6 / +5.1 %, text +3-4 %) and
 * were slower on logs. Measured (biglog / LogHub / Canterbury, bytes; level
 * 6: 128,428 / 124,732 / 386,453): the three contexts 123,568 / 121,992 /
 * 392,799; the two neurons 126,647 / 123,948 / 380,753; both 122,394 /
 * 121,255 / 386,909; with a second output neuron, its weight sets by the
 * match length (as level 9's): 122,139 / 121,163 / 386,067. (These with
 * the code's first rule for both groups: in log mode every context, text
 * and log, in use; in text mode the base six.) With the groups taking
 * turns in their slots: 123,049 / 121,626 / 380,600 (logs +0.4-0.7 %, text
 * -1.4 %), JavaScript CPU on the Linux log ~1.45x level 6's (was ~1.7x).
 */
const LEVEL7: Partial<LevelSpec> = {
  ...LEVEL6_TEXT,
  ...LEVEL6_LOGS,
  apmStages: 1,
  historyBits: 22,
  matchBits: 20,
  logContexts: [Ctx.LineShape, Ctx.LineSkeleton, Ctx.FieldTemplate],
  neurons: [...TWO, Sel.MatchLength, Sel.FieldOffset],
  secondOutput: Sel.MatchLength,
};

/**
 * Model 3's level 8: level 7 plus level 9's four field log contexts
 * (FieldAbove, FieldShape, FieldTwoAbove, FieldAboveBefore), two more neurons
 * (by the byte above and by the numeric state) and a table of 2^20 lines,
 * with model 2's level 8 match history (2^24 bytes, an index of 2^22):
 * 119,770 / 120,643 / 383,402 (without the second output 120,101 / 120,796
 * / 384,482; with level 7's table, no second output, about 1 % more on
 * biglog); with the groups taking turns (level 7): 120,767 / 121,014 /
 * 375,104. JavaScript CPU on the Linux log ~1.75x level 6's (level 9:
 * 7x); peak RSS of the command 147 MiB (level 6: 91).
 */
const LEVEL8: Partial<LevelSpec> = {
  ...LEVEL7,
  logContexts: [Ctx.FieldAbove, Ctx.FieldShape, Ctx.FieldTwoAbove, Ctx.FieldAboveBefore, Ctx.LineShape, Ctx.LineSkeleton, Ctx.FieldTemplate],
  neurons: [...TWO, Sel.MatchLength, Sel.FieldOffset, Sel.Above, Sel.NumericState],
  tableBits: 20,
  historyBits: 24,
  matchBits: 22,
};

/**
 * Model 3's hashed lines (context-table.ts) hold a context's counters in
 * about 2 lines where models 1-2 reserve 17: its tables are 2^2 times
 * smaller, still smaller output (measured at level 6: -0.2 %), and the match
 * model keeps model 2's sizes.
 */
const MODEL3_DENSER = 2;

/**
 * Model 3, written by this nnzip: model 2's levels with the second nibble's
 * counters in their own line, runs at every level (coded from P >= 0.9 at
 * levels 1-5, 0.95 at 6-8 (LEVEL6_LOGS), 0.99 at 9: measured, a lower threshold at the strong levels
 * costs size, and without one logs grew 3.8 %), and at level 9 a third APM
 * (by the partial byte and the second-last byte, apmStages 3): -0.1 %.
 */
const MODEL3_LEVELS: LevelSpec[] = MODEL2_LEVELS.map((spec, i) => ({
  ...spec,
  tableBits: spec.tableBits - MODEL3_DENSER,
  apmStages: i === 8 ? 3 : spec.apmStages,
  run: i < 6 ? 0.9 : 0.97,
  ...(i === 8 ? { ...LEVEL9_EXTRAS, ...LEVEL9_TEXT } : {}),
  ...(i === 5 ? { ...LEVEL6_TEXT, ...LEVEL6_LOGS } : {}),
  ...(i === 6 ? LEVEL7 : {}),
  ...(i === 7 ? LEVEL8 : {}),
}));

const FAST_1: Ctx[] = [Ctx.Order1, Ctx.Order3, Ctx.Column, Ctx.Field];
const NORMAL_1: Ctx[] = [Ctx.Order1, Ctx.Order3, Ctx.Column, Ctx.Field, Ctx.Order6, Ctx.Word];
const STRONG_1: Ctx[] = [Ctx.Order1, Ctx.Order2, Ctx.Order3, Ctx.Column, Ctx.Field, Ctx.Order4, Ctx.Word, Ctx.Order6];
const STRONGEST_1: Ctx[] = [...STRONG_1, Ctx.Order0, Ctx.Order5];
const TWO_1: Sel[] = [Sel.PartialByte, Sel.MatchLength];
const THREE_1: Sel[] = [Sel.PartialByte, Sel.MatchLength, Sel.Above];

/** Model 1, written by nnzip 0.1.0: no guesses. Still decoded, never written. */
const MODEL1_LEVELS: LevelSpec[] = [
  { contexts: FAST_1, neurons: ONE, apmStages: 0, tableBits: 18, historyBits: 20, matchBits: 18, guess: -1 },
  { contexts: FAST_1, neurons: TWO_1, apmStages: 1, tableBits: 19, historyBits: 21, matchBits: 19, guess: -1 },
  { contexts: NORMAL_1, neurons: ONE, apmStages: 1, tableBits: 19, historyBits: 22, matchBits: 20, guess: -1 },
  { contexts: NORMAL_1, neurons: TWO_1, apmStages: 1, tableBits: 19, historyBits: 22, matchBits: 20, guess: -1 },
  { contexts: NORMAL_1, neurons: TWO_1, apmStages: 1, tableBits: 20, historyBits: 22, matchBits: 20, guess: -1 },
  { contexts: NORMAL_1, neurons: TWO_1, apmStages: 1, tableBits: 20, historyBits: 22, matchBits: 20, guess: -1 },
  { contexts: STRONG_1, neurons: TWO_1, apmStages: 2, tableBits: 20, historyBits: 23, matchBits: 21, guess: -1 },
  { contexts: STRONG_1, neurons: THREE_1, apmStages: 2, tableBits: 20, historyBits: 24, matchBits: 22, guess: -1 },
  { contexts: STRONGEST_1, neurons: THREE_1, apmStages: 2, tableBits: 20, historyBits: 24, matchBits: 22, guess: -1 },
];

/**
 * The preset of a level, with the table size of the stream header. A smaller
 * table (chosen for a small input) also shrinks the match model's history
 * and index, so a tiny file needs only a few hundred KB.
 */
export function presetFor(level: number, tableBits?: number, modelId: number = MODEL_ID): ModelPreset {
  const table = modelId === LEGACY_MODEL_ID ? MODEL1_LEVELS : modelId === MODEL2_ID ? MODEL2_LEVELS : MODEL3_LEVELS;
  const spec = table[level - 1];
  const bits = tableBits ?? spec.tableBits;
  return {
    level,
    tableBits: bits,
    contexts: [...spec.contexts, ...(spec.textContexts ?? []), ...(spec.logContexts ?? [])],
    historyBits: Math.min(spec.historyBits, bits + 4 + (modelId === MODEL_ID ? MODEL3_DENSER : 0)),
    matchBits: Math.min(spec.matchBits, bits + 1 + (modelId === MODEL_ID ? MODEL3_DENSER : 0)),
    counterLimit: 127,
    neurons: spec.neurons,
    apmStages: spec.apmStages,
    guessThreshold: spec.guess < 0 ? -1 : Math.floor(spec.guess * 65536),
    nibbleLines: spec.run !== undefined,
    runThreshold: spec.run === undefined ? -1 : Math.floor(spec.run * 65536),
    outputByPartialByte: spec.outputByPartialByte === true,
    outputLearningRate: spec.outputLearningRate,
    matchApm: spec.matchApm === true,
    numericApm: spec.numericApm === true,
    textGuessThreshold: spec.textGuess === undefined ? -1 : Math.floor(spec.textGuess * 65536),
    countMaps: spec.countMaps === true,
    textContexts: spec.textContexts?.length ?? 0,
    logContexts: spec.logContexts?.length ?? 0,
    logHistories: spec.logHistories === true,
    textApm: spec.textApm === true,
    textKinds: textKindsOf(spec),
    proseGuessThreshold: spec.proseGuess === undefined ? -1 : Math.floor(spec.proseGuess * 65536),
    textSelector: spec.textSelector === true,
    fastExpect: spec.run !== undefined,
    numericGuessThreshold: spec.numericGuess === undefined ? -1 : Math.floor(spec.numericGuess * 65536),
    numericInput: spec.numericInput === true,
    secondOutput: spec.secondOutput ?? -1,
    learningSchedule: spec.learningSchedule ?? null,
  };
}

/** The contexts of text mode (ModelPreset.textKinds): `contexts` with textReplace's replacements, then textContexts. */
function textKindsOf(spec: LevelSpec): Ctx[] {
  if (spec.textReplace === undefined || spec.textContexts === undefined) return [];
  const replaced = spec.contexts.map((k) => spec.textReplace!.find(([from]) => from === k)?.[1] ?? k);
  return [...replaced, ...spec.textContexts];
}

/** Why this build cannot decode a stream with these parameters, or null if it can. */
export function unsupportedReason(p: { modelId: number; level: number; tableBits: number }): string | null {
  if (!(p.modelId >= LEGACY_MODEL_ID && p.modelId <= MODEL_ID)) {
    return `unsupported model id ${p.modelId} (this nnzip knows models ${LEGACY_MODEL_ID} to ${MODEL_ID})`;
  }
  if (!(p.level >= 1 && p.level <= 9)) return `unsupported level ${p.level} in stream header`;
  if (!(p.tableBits >= MIN_TABLE_BITS && p.tableBits <= MAX_TABLE_BITS)) {
    return `unsupported table size 2^${p.tableBits} in stream header`;
  }
  return null;
}
