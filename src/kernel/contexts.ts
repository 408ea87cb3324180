// src/model/contexts.ts: each context kind's hash, once per byte (hashContexts
// for level 6's kinds, hashContexts9 for level 9's).
import { hash3 } from './hash';
import { LineTracker } from './line-tracker';
import { WordTracker } from './word-tracker';

/** src/model/presets.ts's Ctx values that level 6 of model 3 hashes here (NumericDiff and FieldCopy are hashed elsewhere: 0). */
export const CTX_ORDER2: i32 = 1;
export const CTX_ORDER3: i32 = 2;
export const CTX_ORDER4: i32 = 3;
export const CTX_WORD: i32 = 5;
export const CTX_COLUMN: i32 = 6;
export const CTX_ORDER0: i32 = 8;
export const CTX_FIELD_POSITION: i32 = 11;
export const CTX_WORD_FOLDED: i32 = 12;
export const CTX_WORD_PAIR: i32 = 13;
/** The kinds only level 9 hashes here (hashContexts9). */
export const CTX_ORDER1: i32 = 0;
export const CTX_ORDER6: i32 = 4;
export const CTX_FIELD: i32 = 7;
export const CTX_ORDER5: i32 = 9;
export const CTX_SPARSE: i32 = 10;

/** Letters, digits and bytes >= 0x80 (UTF-8 sequences) make words. */
// @ts-ignore: decorator
@inline function isWordByte(c: i32): bool {
  const letter = <u32>((c | 32) - 97) < 26;
  const digit = <u32>(c - 48) < 10;
  return letter || digit || c >= 128;
}

/** The word hash after byte c: FNV-1a-like while c is a word byte, 0 after any other. */
export function nextWordHash(h: i32, c: i32): i32 {
  const next = (h ^ c) * 0x01000193 + 1;
  return isWordByte(c) ? next : 0;
}

/**
 * Writes the hash of each context kind in `kinds` to `out` (order 0: 0).
 * c4 holds the last 4 bytes (the last one lowest), c8 the 4 before; word is
 * nextWordHash's running value. Kinds levels 6 and 1 of model 3 never hash
 * here (Order1, a direct index that predictor1.ts writes itself, Order5,
 * Order6, Field, Sparse) are left out: they write 0, as kinds hashed elsewhere.
 */
export function hashContexts(kinds: StaticArray<i32>, out: StaticArray<i32>, c4: i32, c8: i32, word: i32, line: LineTracker, words: WordTracker): void {
  const c1 = c4 & 0xff;
  const field = line.field;
  const fieldPos = line.fieldPos;
  const fieldPosition = ((field < 63 ? field : 63) << 16) | ((fieldPos < 255 ? fieldPos : 255) << 8) | c1;
  const folded = words.word;
  const n = kinds.length;
  for (let i = 0; i < n; i++) {
    let h = 0;
    switch (unchecked(kinds[i])) {
      case CTX_ORDER2: h = hash3(c4 & 0xffff, 2, 0); break;
      case CTX_ORDER3: h = hash3(c4 & 0xffffff, 3, 0); break;
      case CTX_ORDER4: h = hash3(c4, 4, 0); break;
      case CTX_WORD: h = hash3(word, c1, 9); break;
      case CTX_COLUMN: h = hash3(line.columnCtx, c1, 10); break;
      case CTX_WORD_FOLDED: h = hash3(folded, 0, 14); break;
      case CTX_WORD_PAIR: h = hash3(folded, words.prevWord, folded == 0 ? 16 + c1 : 15); break;
      case CTX_FIELD_POSITION: h = hash3(fieldPosition, 13, 0); break;
      default: h = 0; // Order0, and kinds hashed elsewhere.
    }
    unchecked(out[i] = h);
  }
}

/**
 * hashContexts for level 9 of model 3: every kind the original hashes
 * (Order1 as its direct index c1, as the original writes it). A function of
 * its own, so that level 6's switch stays as it is.
 */
export function hashContexts9(kinds: StaticArray<i32>, out: StaticArray<i32>, c4: i32, c8: i32, word: i32, line: LineTracker, words: WordTracker): void {
  const c1 = c4 & 0xff;
  const field = line.field;
  const fieldPos = line.fieldPos;
  const fieldNumber = ((field < 15 ? field : 15) << 8) | c1;
  const fieldPosition = ((field < 63 ? field : 63) << 16) | ((fieldPos < 255 ? fieldPos : 255) << 8) | c1;
  const folded = words.word;
  const n = kinds.length;
  for (let i = 0; i < n; i++) {
    let h = 0;
    switch (unchecked(kinds[i])) {
      case CTX_ORDER1: h = c1; break;
      case CTX_ORDER2: h = hash3(c4 & 0xffff, 2, 0); break;
      case CTX_ORDER3: h = hash3(c4 & 0xffffff, 3, 0); break;
      case CTX_ORDER4: h = hash3(c4, 4, 0); break;
      case CTX_ORDER5: h = hash3(c4, c8 & 0xff, 5); break;
      case CTX_ORDER6: h = hash3(c4, c8 & 0xffff, 6); break;
      case CTX_WORD: h = hash3(word, c1, 9); break;
      case CTX_COLUMN: h = hash3(line.columnCtx, c1, 10); break;
      case CTX_FIELD: h = hash3(line.fieldCtx, fieldNumber, 11); break;
      case CTX_SPARSE: h = hash3(c4 & 0xffff00, 12, 0); break;
      case CTX_WORD_FOLDED: h = hash3(folded, 0, 14); break;
      case CTX_WORD_PAIR: h = hash3(folded, words.prevWord, folded == 0 ? 16 + c1 : 15); break;
      case CTX_FIELD_POSITION: h = hash3(fieldPosition, 13, 0); break;
      default: h = 0; // Order0, and kinds hashed elsewhere.
    }
    unchecked(out[i] = h);
  }
}
