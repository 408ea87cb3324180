/**
 * Levels 1-9: which contexts the network sees and how large its tables are.
 * The level and the table size are written in the stream header, so a
 * decompressor rebuilds exactly the network the compressor used.
 */

/** The context kinds a level may enable (see predictor.ts for what each is). */
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
  Order8 = 10,
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
}

export const MODEL_ID = 1;
export const DEFAULT_LEVEL = 6;
export const MIN_TABLE_BITS = 10;
export const MAX_TABLE_BITS = 22;

const ALL: Ctx[] = [Ctx.Order1, Ctx.Order2, Ctx.Order3, Ctx.Column, Ctx.Field, Ctx.Order4, Ctx.Word, Ctx.Order6, Ctx.Order0];

export function presetFor(level: number, tableBits?: number): ModelPreset {
  const contexts = level <= 1 ? ALL.slice(0, 5) : level <= 3 ? ALL.slice(0, 7) : level <= 6 ? ALL.slice(0, 9) : [...ALL, Ctx.Order5];
  const defaultBits = level <= 1 ? 16 : level <= 3 ? 18 : level <= 6 ? 20 : 21;
  return {
    level,
    tableBits: tableBits ?? defaultBits,
    contexts,
    historyBits: level <= 1 ? 20 : level <= 6 ? 22 : 24,
    matchBits: level <= 1 ? 16 : level <= 6 ? 20 : 22,
    counterLimit: 255,
  };
}

/** Why this build cannot decode a stream with these parameters, or null if it can. */
export function unsupportedReason(p: { modelId: number; level: number; tableBits: number }): string | null {
  if (p.modelId !== MODEL_ID) return `unsupported model id ${p.modelId} (this nnzip knows model ${MODEL_ID})`;
  if (!(p.level >= 1 && p.level <= 9)) return `unsupported level ${p.level} in stream header`;
  if (!(p.tableBits >= MIN_TABLE_BITS && p.tableBits <= MAX_TABLE_BITS)) {
    return `unsupported table size 2^${p.tableBits} in stream header`;
  }
  return null;
}
