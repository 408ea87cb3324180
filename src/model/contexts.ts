/**
 * The bit contexts: what each context kind (Ctx in presets.ts) looks at,
 * hashed once per byte coded bit by bit. The context table
 * (context-table.ts) turns each hash into that context's counters.
 *
 *   order-n     the last n bytes (n = 0..6; order 0 and 1 are addressed
 *               directly, not hashed)
 *   sparse      the 2nd and 3rd last bytes, skipping the last
 *   field pos.  the field number and the offset in the field (where in the
 *               line's layout this byte is), with the last byte
 *   word        the letters and digits of the current word, with the last byte
 *   column      the previous sentence's bytes at this column, with the last byte
 *   field       the previous sentence's bytes at this offset of the same
 *               field, the field number, the last byte
 *   word folded the current word's letters, case folded (word-tracker.ts)
 *   word pair   the same with the previous word (between words: the
 *               previous word and the last byte)
 *
 * Each hash has its own constant (the literal 2..16 in hash3's arguments), so
 * that contexts looking at equal values still land apart.
 */
import { hash3 } from './hash';
import type { LineTracker } from './line-tracker';
import { Ctx } from './presets';
import type { WordTracker } from './word-tracker';

/** Letters, digits and bytes >= 0x80 (UTF-8 sequences) make words. */
function isWordByte(c: number): boolean {
  // Every comparison on every call (c | 32 folds exactly the capitals onto
  // the small letters): a kind of byte first seen after V8 has optimised the
  // caller then meets no operation without type feedback.
  const letter = ((c | 32) - 97) >>> 0 < 26;
  const digit = (c - 48) >>> 0 < 10;
  const high = c >= 128;
  return letter || digit || high;
}

/** The word hash after byte c: FNV-1a-like while c is a word byte, 0 after any other. */
export function nextWordHash(h: number, c: number): number {
  const next = Math.imul(h ^ c, 0x01000193) + 1;
  return isWordByte(c) ? next : 0;
}

/**
 * Writes the hash of each context kind in `kinds` to `out` (order 0: 0;
 * order 1: the last byte, a direct index). c4 holds the last 4 bytes (the
 * last one lowest), c8 the 4 before; word is nextWordHash's running value.
 */
export function hashContexts(kinds: Int32Array, out: Int32Array, c4: number, c8: number, word: number, line: LineTracker, words: WordTracker): void {
  // Every operand is computed on every call and the cases hold only moves,
  // with one hash3 call after them: the stream starts in text mode, so a log
  // context (Column) is first hashed after V8 has optimised this function,
  // and an operation (or call) first run then would throw that code away.
  const c1 = c4 & 0xff;
  const column = line.columnCtx;
  const fieldAbove = line.fieldCtx;
  const fieldNumber = (Math.min(line.field, 15) << 8) | c1;
  const fieldPosition = (Math.min(line.field, 63) << 16) | (Math.min(line.fieldPos, 255) << 8) | c1;
  const folded = words.word;
  const pairSeed = folded === 0 ? 16 + c1 : 15;
  const order2 = c4 & 0xffff;
  const order3 = c4 & 0xffffff;
  const c5 = c8 & 0xff;
  const c56 = c8 & 0xffff;
  const sparse = c4 & 0xffff00;
  const prevWord = words.prevWord;
  for (let i = 0; i < kinds.length; i++) {
    // Orders 0 and 1 (and kinds hashed elsewhere: 0) are direct: h; the others hash3(a, b, s).
    let h = 0;
    let hashed = true;
    let a = 0;
    let b = 0;
    let s = 0;
    switch (kinds[i]) {
      case Ctx.Order0: hashed = false; break;
      case Ctx.Order1: h = c1; hashed = false; break;
      case Ctx.Order2: a = order2; b = 2; break;
      case Ctx.Order3: a = order3; b = 3; break;
      case Ctx.Order4: a = c4; b = 4; break;
      case Ctx.Order5: a = c4; b = c5; s = 5; break;
      case Ctx.Order6: a = c4; b = c56; s = 6; break;
      case Ctx.Word: a = word; b = c1; s = 9; break;
      case Ctx.Column: a = column; b = c1; s = 10; break;
      case Ctx.Field: a = fieldAbove; b = fieldNumber; s = 11; break;
      case Ctx.Sparse: a = sparse; b = 12; break;
      case Ctx.WordFolded: a = folded; s = 14; break;
      case Ctx.WordPair: a = folded; b = prevWord; s = pairSeed; break;
      case Ctx.FieldPosition: a = fieldPosition; b = 13; break;
      default: hashed = false;
    }
    out[i] = hashed ? hash3(a, b, s) : h;
  }
}
