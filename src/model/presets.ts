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
  /** Adaptive probability maps after the network: 0, 1 (by partial byte) or 2 (+ by previous byte). */
  apmStages: number;
  /**
   * Model 2: a guessed byte is coded as one decision "the byte is the guess"
   * when its probability is at least this (p16); a weaker guess is an input
   * of the bit network instead. -1 for model 1, which codes every byte bit by bit.
   */
  guessThreshold: number;
}

/** The model new streams use. Model 1 (no expected-byte decision) is still decoded. */
export const MODEL_ID = 2;
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
}

const FAST: Ctx[] = [Ctx.Order1, Ctx.Order3, Ctx.Column, Ctx.FieldPosition];
const NORMAL: Ctx[] = [Ctx.Order1, Ctx.Order3, Ctx.Column, Ctx.Field, Ctx.FieldPosition, Ctx.Word];
const STRONG: Ctx[] = [Ctx.Order1, Ctx.Order2, Ctx.Order3, Ctx.Column, Ctx.Field, Ctx.Order4, Ctx.Word, Ctx.FieldPosition];
const STRONGEST: Ctx[] = [...STRONG, Ctx.Order0, Ctx.Order5, Ctx.Sparse];
const ONE: Sel[] = [Sel.PartialByte];
const TWO: Sel[] = [Sel.PartialByte, Sel.FieldNumber];
const THREE: Sel[] = [Sel.PartialByte, Sel.MatchLength, Sel.FieldNumber];
const FIVE: Sel[] = [Sel.PartialByte, Sel.MatchLength, Sel.Above, Sel.FieldNumber, Sel.PreviousByte];

/** Model 2, written by this nnzip. */
const LEVELS: LevelSpec[] = [
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
  const spec = (modelId === LEGACY_MODEL_ID ? MODEL1_LEVELS : LEVELS)[level - 1];
  const bits = tableBits ?? spec.tableBits;
  return {
    level,
    tableBits: bits,
    contexts: spec.contexts,
    historyBits: Math.min(spec.historyBits, bits + 4),
    matchBits: Math.min(spec.matchBits, bits + 1),
    counterLimit: 127,
    neurons: spec.neurons,
    apmStages: spec.apmStages,
    guessThreshold: spec.guess < 0 ? -1 : Math.floor(spec.guess * 65536),
  };
}

/** Why this build cannot decode a stream with these parameters, or null if it can. */
export function unsupportedReason(p: { modelId: number; level: number; tableBits: number }): string | null {
  if (p.modelId !== MODEL_ID && p.modelId !== LEGACY_MODEL_ID) {
    return `unsupported model id ${p.modelId} (this nnzip knows models ${LEGACY_MODEL_ID} and ${MODEL_ID})`;
  }
  if (!(p.level >= 1 && p.level <= 9)) return `unsupported level ${p.level} in stream header`;
  if (!(p.tableBits >= MIN_TABLE_BITS && p.tableBits <= MAX_TABLE_BITS)) {
    return `unsupported table size 2^${p.tableBits} in stream header`;
  }
  return null;
}
