// src/model/line-tracker.ts: the current sentence and the previous one, with their fields' start offsets.
import { Table } from './table';

/** format/sentence.ts. */
const LINE_FEED: i32 = 0x0a;
export const MAX_SENTENCE: i32 = 64 * 1024;
export const MAX_FIELDS: i32 = 64;

@final export class LineTracker {
  private cur: Table<u8> = new Table<u8>(MAX_SENTENCE + 2);
  private prev: Table<u8> = new Table<u8>(MAX_SENTENCE + 2);
  /** Bytes of the current sentence so far: the column of the next byte. */
  column: i32 = 0;
  private prevLen: i32 = 0;
  private curFields: Table<i32> = new Table<i32>(MAX_FIELDS + 1);
  private prevFields: Table<i32> = new Table<i32>(MAX_FIELDS + 1);
  private curFieldCount: i32 = 1;
  private prevFieldCount: i32 = 0;
  /** The field number of the next byte (0 .. MAX_FIELDS - 1). */
  field: i32 = 0;
  /** The next byte's offset in its field. */
  fieldPos: i32 = 0;

  // Set by look(), for the next byte. A byte is stored + 1, so 0 means "none".
  /** The previous sentence's byte at this column, + 1. */
  above: i32 = 0;
  /** The previous sentence's byte at this offset of this field, + 1. */
  fieldByte: i32 = 0;
  /** The previous sentence's two bytes at this column (each + 1). */
  columnCtx: i32 = 0;
  /** The previous sentence's two bytes at this offset of this field (each + 1). */
  fieldCtx: i32 = 0;

  /** Appends byte c to the current sentence; a line feed or a full sentence ends it. */
  push(c: i32): void {
    if (this.column < MAX_SENTENCE) {
      this.cur[this.column] = <u8>c;
      this.column++;
    }
    if (c == 0x20 || c == 0x09) {
      if (this.field < MAX_FIELDS - 1) {
        this.field++;
        this.curFields[this.field] = this.column;
        this.curFieldCount = this.field + 1;
      }
      this.fieldPos = 0;
    } else {
      this.fieldPos++;
    }
    if (c == LINE_FEED || this.column == MAX_SENTENCE) this.endSentence();
  }

  /** Appends the n bytes at `bytes`, as n push() calls would. */
  takeRun(bytes: usize, n: i32): void {
    const cur = this.cur;
    let column = this.column;
    let k = 0;
    // The bytes that neither end a field nor the sentence: stored, the offsets move on.
    while (k < n && column < MAX_SENTENCE - 1) {
      const c = <i32>load<u8>(bytes + <usize>k);
      if (c == 0x20 || c == 0x09 || c == LINE_FEED) break;
      cur[column] = <u8>c;
      column++;
      k++;
    }
    this.fieldPos += k;
    this.column = column;
    for (; k < n; k++) this.push(<i32>load<u8>(bytes + <usize>k));
  }

  /** Looks up the previous sentence's bytes for the next byte: above, fieldByte, columnCtx, fieldCtx. */
  look(): void {
    const prev = this.prev;
    const col = this.column;
    const prevLen = this.prevLen;
    const above = col < prevLen ? <i32>prev[col] + 1 : 0;
    const above2 = col + 1 < prevLen ? <i32>prev[col + 1] + 1 : 0;
    let fieldByte = 0;
    let fieldByte2 = 0;
    const field = this.field;
    if (field < this.prevFieldCount) {
      const start = this.prevFields[field];
      const end = field + 1 < this.prevFieldCount ? this.prevFields[field + 1] : prevLen;
      const at = start + this.fieldPos;
      if (at < end) fieldByte = <i32>prev[at] + 1;
      if (at + 1 < end) fieldByte2 = <i32>prev[at + 1] + 1;
    }
    this.above = above;
    this.fieldByte = fieldByte;
    this.columnCtx = (above << 9) | above2;
    this.fieldCtx = (fieldByte << 9) | fieldByte2;
  }

  /**
   * How the previous sentence's same field, from this offset on, agrees with
   * the n bytes at `bytes`: 2 all of them, 1 some first ones, 0 none.
   */
  fieldAgreement(bytes: usize, n: i32): i32 {
    if (this.field >= this.prevFieldCount) return 0;
    const prev = this.prev;
    const at = this.prevFields[this.field] + this.fieldPos;
    if (at + n > this.prevLen) return 0;
    let k = 0;
    while (k < n && prev[at + k] == load<u8>(bytes + <usize>k)) k++;
    return k == n ? 2 : k > 0 ? 1 : 0;
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
