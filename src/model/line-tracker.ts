/**
 * The line tracker: the current sentence and the previous one (section 4 of
 * docs/FORMAT.md: a line, or a piece of a line longer than MAX_SENTENCE),
 * each with the start offsets of its whitespace-separated fields. Log lines
 * are mostly the line before with a few fields changed, often to values of
 * other widths; so besides the byte above (same column), the byte at the
 * same offset of the same field is looked up.
 *
 * A field keeps its trailing separator (space or tab): "a 12 x\n" has the
 * fields "a ", "12 ", "x\n". After MAX_FIELDS - 1 separators the rest of the
 * sentence is the last field.
 */
import { LINE_FEED, MAX_SENTENCE } from '../format/sentence';

export const MAX_FIELDS = 64;

export class LineTracker {
  private cur = new Uint8Array(MAX_SENTENCE + 2);
  private prev = new Uint8Array(MAX_SENTENCE + 2);
  /** Bytes of the current sentence so far: the column of the next byte. */
  column = 0;
  private prevLen = 0;
  private curFields = new Int32Array(MAX_FIELDS + 1);
  private prevFields = new Int32Array(MAX_FIELDS + 1);
  private curFieldCount = 1;
  private prevFieldCount = 0;
  /** The field number of the next byte (0 .. MAX_FIELDS - 1). */
  field = 0;
  /** The next byte's offset in its field. */
  fieldPos = 0;

  // Set by look(), for the next byte. A byte is stored + 1, so 0 means "none".
  /** The previous sentence's byte at this column, + 1. */
  above = 0;
  /** The previous sentence's byte at this offset of this field, + 1. */
  fieldByte = 0;
  /** The column context: the previous sentence's two bytes at this column (each + 1). */
  columnCtx = 0;
  /** The field context: the previous sentence's two bytes at this offset of this field (each + 1). */
  fieldCtx = 0;

  /** Appends byte c to the current sentence; a line feed or a full sentence ends it. */
  push(c: number): void {
    if (this.column < MAX_SENTENCE) this.cur[this.column++] = c;
    if (c === 0x20 || c === 0x09) {
      if (this.field < MAX_FIELDS - 1) {
        this.field++;
        this.curFields[this.field] = this.column;
        this.curFieldCount = this.field + 1;
      }
      this.fieldPos = 0;
    } else {
      this.fieldPos++;
    }
    if (c === LINE_FEED || this.column === MAX_SENTENCE) this.endSentence();
  }

  /** Appends bytes[0 .. n - 1], as n push() calls would (a run's bytes: only the last may end a field). */
  takeRun(bytes: Uint8Array, n: number): void {
    const cur = this.cur;
    let column = this.column;
    let k = 0;
    // The bytes that neither end a field nor the sentence: stored, the offsets move on.
    while (k < n && column < MAX_SENTENCE - 1) {
      const c = bytes[k];
      if (c === 0x20 || c === 0x09 || c === LINE_FEED) break;
      cur[column++] = c;
      k++;
    }
    this.fieldPos += k;
    this.column = column;
    for (; k < n; k++) this.push(bytes[k]);
  }

  /** Looks up the previous sentence's bytes for the next byte: above, fieldByte, columnCtx, fieldCtx. */
  look(): void {
    const prev = this.prev;
    const col = this.column;
    const above = col < this.prevLen ? prev[col] + 1 : 0;
    const above2 = col + 1 < this.prevLen ? prev[col + 1] + 1 : 0;
    let fieldByte = 0;
    let fieldByte2 = 0;
    if (this.field < this.prevFieldCount) {
      const start = this.prevFields[this.field];
      const end = this.field + 1 < this.prevFieldCount ? this.prevFields[this.field + 1] : this.prevLen;
      const at = start + this.fieldPos;
      if (at < end) fieldByte = prev[at] + 1;
      if (at + 1 < end) fieldByte2 = prev[at + 1] + 1;
    }
    this.above = above;
    this.fieldByte = fieldByte;
    this.columnCtx = (above << 9) | above2;
    this.fieldCtx = (fieldByte << 9) | fieldByte2;
  }

  /**
   * How the previous sentence's same field, from this offset on, agrees with
   * the `n` bytes of `bytes` (a run's span, run-offer.ts): 2 all of them, 1
   * some first ones, 0 none (or the previous sentence has no such bytes).
   */
  fieldAgreement(bytes: Uint8Array, n: number): number {
    if (this.field >= this.prevFieldCount) return 0;
    const prev = this.prev;
    const at = this.prevFields[this.field] + this.fieldPos;
    if (at + n > this.prevLen) return 0;
    let k = 0;
    while (k < n && prev[at + k] === bytes[k]) k++;
    return k === n ? 2 : k > 0 ? 1 : 0;
  }

  /** The sentence just ended becomes the previous one (the buffers swap: no copy). */
  private endSentence(): void {
    const line = this.prev;
    this.prev = this.cur;
    this.cur = line;
    this.prevLen = this.column;
    this.column = 0;
    const fields = this.prevFields;
    this.prevFields = this.curFields;
    this.curFields = fields;
    this.prevFieldCount = this.curFieldCount;
    this.curFieldCount = 1;
    this.curFields[0] = 0;
    this.field = 0;
    this.fieldPos = 0;
  }
}
