// src/model/field-copy.ts: fields copied within a line (the FieldCopy context).
import { hash3 } from './hash';
import { Table } from './table';

const FIELDS: i32 = 64;
const LINE: i32 = 4096;
/** Fields shorter than this (without their separator) are not copies worth following. */
const MIN_COPY: i32 = 3;
const LINE_FEED: i32 = 10;
const SEED: i32 = 0x4643; // "FC"

@final export class FieldCopy {
  private cur: Table<u8> = new Table<u8>(LINE);
  private prev: Table<u8> = new Table<u8>(LINE);
  private curStarts: Table<i32> = new Table<i32>(FIELDS + 1);
  private prevStarts: Table<i32> = new Table<i32>(FIELDS + 1);
  private curLen: i32 = 0;
  private prevLen: i32 = 0;
  private curFields: i32 = 1;
  private prevFields: i32 = 0;
  private field: i32 = 0;
  /** The earlier field this field copies (by the previous line), or -1. */
  private source: i32 = -1;
  /** The field so far agrees with its source. */
  private agree: bool = true;

  push(c: i32): void {
    const pos = this.curLen;
    if (pos < LINE) {
      const source = this.source;
      if (source >= 0 && this.agree) {
        const at = this.curStarts[source] + (pos - this.curStarts[this.field]);
        this.agree = at < pos && <i32>this.cur[at] == c;
      }
      this.cur[pos] = <u8>c;
      this.curLen = pos + 1;
    }
    if (c == LINE_FEED) {
      const line = this.prev;
      this.prev = this.cur;
      this.cur = line;
      const starts = this.prevStarts;
      this.prevStarts = this.curStarts;
      this.curStarts = starts;
      this.prevLen = this.curLen;
      this.prevFields = this.curFields;
      this.curLen = 0;
      this.curFields = 1;
      this.field = 0;
      this.source = -1;
      this.agree = true;
    } else if ((c == 0x20 || c == 0x09) && this.field < FIELDS - 1 && this.curLen < LINE) {
      this.field++;
      this.curStarts[this.field] = this.curLen;
      this.curFields = this.field + 1;
      this.source = this.findSource(this.field);
      this.agree = true;
    }
  }

  /** The earlier field j that the previous line's field k equalled (the nearest), or -1. */
  private findSource(k: i32): i32 {
    if (k >= this.prevFields) return -1;
    const prev = this.prev;
    const starts = this.prevStarts;
    const kStart = starts[k];
    const kEnd = (k + 1 < this.prevFields ? starts[k + 1] : this.prevLen) - 1; // without its separator
    const len = kEnd - kStart;
    if (len < MIN_COPY) return -1;
    for (let j = k - 1; j >= 0; j--) {
      const jStart = starts[j];
      if (starts[j + 1] - 1 - jStart != len) continue;
      let i = 0;
      while (i < len && prev[jStart + i] == prev[kStart + i]) i++;
      if (i == len) return j;
    }
    return -1;
  }

  /** The FieldCopy context's hash for the next byte. */
  hash(): i32 {
    const source = this.source;
    if (source < 0) return hash3(0, 0, SEED);
    const pos = this.curLen;
    const offset = pos - this.curStarts[this.field];
    const at = this.curStarts[source] + offset;
    const next = at < this.curStarts[source + 1] && at < pos ? <i32>this.cur[at] + 1 : 0;
    const a = next | (this.agree ? 512 : 0) | ((offset < 3 ? offset : 3) << 10);
    return hash3(a, 1, SEED);
  }
}
