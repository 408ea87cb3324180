/**
 * Fields copied within a line (level 9 of model 3). Some logs write the same
 * value twice in a line (BGL: the node name in fields 3 and 5; syslog: a
 * name in the tag and in the message). When the previous line's field k
 * equalled its earlier field j, this line's field k is likely this line's
 * field j again, whatever its value: the FieldCopy context is that byte of
 * field j at this offset, and whether the field so far agrees with it.
 * Neither the match model (the bytes before differ) nor the previous line's
 * field (another value) foresees it.
 */
import { hash3 } from './hash';

const FIELDS = 64;
const LINE = 4096;
/** Fields shorter than this (without their separator) are not copies worth following. */
const MIN_COPY = 3;
const LINE_FEED = 10;
const SEED = 0x4643; // "FC"

export class FieldCopy {
  private cur = new Uint8Array(LINE);
  private prev = new Uint8Array(LINE);
  private curStarts = new Int32Array(FIELDS + 1);
  private prevStarts = new Int32Array(FIELDS + 1);
  private curLen = 0;
  private prevLen = 0;
  private curFields = 1;
  private prevFields = 0;
  private field = 0;
  /** The earlier field this field copies (by the previous line), or -1. */
  private source = -1;
  /** The field so far agrees with its source. */
  private agree = true;

  push(c: number): void {
    const pos = this.curLen;
    if (pos < LINE) {
      // Every operand on every call, moves choose (a line's first copied field
      // comes after V8 has optimised the byte's end: an operation first run
      // then would throw that code away).
      const source = this.source;
      const agree = this.agree;
      const from = source >= 0 ? source : 0;
      const at = this.curStarts[from] + (pos - this.curStarts[this.field]);
      const seen = at < pos;
      const same = this.cur[seen ? at : 0] === c;
      this.agree = source >= 0 && agree ? seen && same : agree;
      this.cur[pos] = c;
      this.curLen = pos + 1;
    }
    if (c === LINE_FEED) {
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
    } else if ((c === 0x20 || c === 0x09) && this.field < FIELDS - 1 && this.curLen < LINE) {
      this.field++;
      this.curStarts[this.field] = this.curLen;
      this.curFields = this.field + 1;
      this.source = this.findSource(this.field);
      this.agree = true;
    }
  }

  /** The earlier field j that the previous line's field k equalled (the nearest), or -1. */
  private findSource(k: number): number {
    if (k >= this.prevFields) return -1;
    const prev = this.prev;
    const starts = this.prevStarts;
    const kStart = starts[k];
    const kEnd = (k + 1 < this.prevFields ? starts[k + 1] : this.prevLen) - 1; // without its separator
    const len = kEnd - kStart;
    if (len < MIN_COPY) return -1;
    for (let j = k - 1; j >= 0; j--) {
      const jStart = starts[j];
      if (starts[j + 1] - 1 - jStart !== len) continue;
      // (The step runs at least once: as i++ after a first agreeing byte, first run after V8 has optimised this, it threw that code away.)
      let i = -1;
      do i++;
      while (i < len && prev[jStart + i] === prev[kStart + i]);
      if (i === len) return j;
    }
    return -1;
  }

  /** The FieldCopy context's hash for the next byte. */
  hash(): number {
    // Every operand on every call, moves choose (as in push); without a source: hash3(0, 0, SEED).
    const source = this.source;
    const found = source >= 0;
    const from = found ? source : 0;
    const pos = this.curLen;
    const offset = pos - this.curStarts[this.field];
    const at = this.curStarts[from] + offset;
    const inSource = at < this.curStarts[from + 1];
    const seen = at < pos;
    const byte = this.cur[seen ? at : 0] + 1;
    const next = inSource && seen ? byte : 0;
    const a = next | (this.agree ? 512 : 0) | ((offset < 3 ? offset : 3) << 10);
    return hash3(found ? a : 0, found ? 1 : 0, SEED);
  }
}
