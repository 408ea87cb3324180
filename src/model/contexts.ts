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
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c >= 128;
}

/** The word hash after byte c: FNV-1a-like while c is a word byte, 0 after any other. */
export function nextWordHash(h: number, c: number): number {
  return isWordByte(c) ? Math.imul(h ^ c, 0x01000193) + 1 : 0;
}

/**
 * Writes the hash of each context kind in `kinds` to `out` (order 0: 0;
 * order 1: the last byte, a direct index). c4 holds the last 4 bytes (the
 * last one lowest), c8 the 4 before; word is nextWordHash's running value.
 */
export function hashContexts(kinds: Int32Array, out: Int32Array, c4: number, c8: number, word: number, line: LineTracker, words: WordTracker): void {
  const c1 = c4 & 0xff;
  for (let i = 0; i < kinds.length; i++) {
    let h = 0;
    switch (kinds[i]) {
      case Ctx.Order0: h = 0; break;
      case Ctx.Order1: h = c1; break;
      case Ctx.Order2: h = hash3(c4 & 0xffff, 2, 0); break;
      case Ctx.Order3: h = hash3(c4 & 0xffffff, 3, 0); break;
      case Ctx.Order4: h = hash3(c4, 4, 0); break;
      case Ctx.Order5: h = hash3(c4, c8 & 0xff, 5); break;
      case Ctx.Order6: h = hash3(c4, c8 & 0xffff, 6); break;
      case Ctx.Word: h = hash3(word, c1, 9); break;
      case Ctx.Column: h = hash3(line.columnCtx, c1, 10); break;
      case Ctx.Field: h = hash3(line.fieldCtx, (Math.min(line.field, 15) << 8) | c1, 11); break;
      case Ctx.Sparse: h = hash3(c4 & 0xffff00, 12, 0); break;
      case Ctx.WordFolded: h = hash3(words.word, 0, 14); break;
      case Ctx.WordPair: h = hash3(words.word, words.prevWord, words.word === 0 ? 16 + c1 : 15); break;
      case Ctx.FieldPosition: h = hash3((Math.min(line.field, 63) << 16) | (Math.min(line.fieldPos, 255) << 8) | c1, 13, 0); break;
    }
    out[i] = h;
  }
}
