// src/model/log-contexts.ts: level 9's log contexts (fields above, the
// field's shape, the line as a template), the Sel.FieldShape weight set and
// the binary test. Nothing left out.
import { hash3, mixIn } from './hash';
import { MAX_FIELDS } from './line-tracker';
import { Table } from './table';

/** log2 of the weight sets of the neuron gated by Sel.FieldShape. */
export const FIELD_SHAPE_BITS: i32 = 12;
/** src/model/presets.ts's Ctx values of the log contexts. */
const CTX_FIELD_ABOVE: i32 = 42;
const CTX_FIELD_SHAPE: i32 = 44;
const CTX_FIELD_TWO_ABOVE: i32 = 45;
const CTX_FIELD_ABOVE_BEFORE: i32 = 46;
const CTX_LINE_SHAPE: i32 = 51;
const CTX_LINE_SKELETON: i32 = 52;
const CTX_FIELD_TEMPLATE: i32 = 53;

function indexOf(contexts: StaticArray<i32>, kind: i32): i32 {
  for (let i = 0; i < contexts.length; i++) if (unchecked(contexts[i]) == kind) return i;
  return -1;
}

@final export class LogContexts {
  private token: i32 = 0;
  private shape: i32 = 0;
  private before: i32 = 0;
  private field: i32 = 0;
  /** This line's whole fields' hashes, and the two lines' before it (with their numbers of fields). */
  private cur: Table<i32> = new Table<i32>(MAX_FIELDS);
  private prev: Table<i32> = new Table<i32>(MAX_FIELDS);
  private prevCount: i32 = 0;
  private prev2: Table<i32> = new Table<i32>(MAX_FIELDS);
  private prev2Count: i32 = 0;
  private readonly aboveAt: i32;
  private readonly shapeAt: i32;
  private readonly twoAboveAt: i32;
  private readonly aboveBeforeAt: i32;
  private readonly lineShapeAt: i32;
  private readonly skeletonAt: i32;
  private readonly templateAt: i32;
  private lineShape: i32 = 0;
  private skeleton: i32 = 0;
  private lastKind: i32 = 0;
  private templateKey: i32 = 0;
  /** The whole field last seen after each template key (by its top 16 bits). */
  private readonly template: Table<i32> = new Table<i32>(1 << 16);
  /** The share of recent bytes that are control characters, in 1/65536. */
  private controlShare: i32 = 0;

  constructor(contexts: StaticArray<i32>) {
    this.aboveAt = indexOf(contexts, CTX_FIELD_ABOVE);
    this.shapeAt = indexOf(contexts, CTX_FIELD_SHAPE);
    this.twoAboveAt = indexOf(contexts, CTX_FIELD_TWO_ABOVE);
    this.aboveBeforeAt = indexOf(contexts, CTX_FIELD_ABOVE_BEFORE);
    this.lineShapeAt = indexOf(contexts, CTX_LINE_SHAPE);
    this.skeletonAt = indexOf(contexts, CTX_LINE_SKELETON);
    this.templateAt = indexOf(contexts, CTX_FIELD_TEMPLATE);
  }

  /** This byte's hashes of the log contexts, at their positions in `hashes`; `c1` the last byte. */
  hash(hashes: Table<i32>, c1: i32): void {
    const token = this.token;
    const field = this.field;
    const above = field < this.prevCount ? this.prev[field] : 0;
    if (this.aboveAt >= 0) hashes[this.aboveAt] = hash3(token, above, 42);
    if (this.twoAboveAt >= 0) hashes[this.twoAboveAt] = hash3(token, field < this.prev2Count ? this.prev2[field] : 0, 45);
    if (this.aboveBeforeAt >= 0) hashes[this.aboveBeforeAt] = hash3(token, above ^ (this.before * <i32>0x9e3779b1), 46);
    if (this.shapeAt >= 0) hashes[this.shapeAt] = hash3(this.shape, (field << 8) | c1, 44);
    if (this.lineShapeAt >= 0) hashes[this.lineShapeAt] = hash3(this.lineShape, c1, 51);
    if (this.skeletonAt >= 0) hashes[this.skeletonAt] = hash3(this.skeleton, token, 52);
    if (this.templateAt >= 0) hashes[this.templateAt] = hash3(token, this.template[<i32>(<u32>this.templateKey >>> 16)], 53);
  }

  /** The Sel.FieldShape weight set: a FIELD_SHAPE_BITS hash of the field's shape so far and the field number. */
  shapeSet(): i32 {
    return <i32>(<u32>hash3(this.shape, this.field, 48) >>> (32 - FIELD_SHAPE_BITS));
  }

  /** The recent bytes look binary (more than 1/16 control characters). */
  binary(): bool {
    return this.controlShare > 4096;
  }

  /** Takes in byte c (every byte, in both modes). */
  push(c: i32): void {
    const control = c < 32 ? c != 9 && c != 10 && c != 13 : c == 127;
    this.controlShare += ((control ? 65536 : 0) - this.controlShare) >> 6;
    const kind = c >= 48 && c <= 57 ? 48 : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 97 : c;
    const lastKind = this.lastKind;
    if (kind != 48 || lastKind != 48) this.lineShape = mixIn(this.lineShape, kind == 48 ? 48 : c);
    if (kind != lastKind || (kind != 48 && kind != 97)) this.skeleton = mixIn(this.skeleton, kind);
    this.lastKind = kind;
    if (c == 0x20 || c == 0x09 || c == 10) {
      this.template[<i32>(<u32>this.templateKey >>> 16)] = this.token;
      if (c == 10) {
        this.lineShape = 0;
        this.skeleton = 0;
        this.lastKind = 0;
      }
      const next = this.field + 1;
      this.templateKey = hash3(this.lineShape, c == 10 ? 0 : next < MAX_FIELDS - 1 ? next : MAX_FIELDS - 1, 53);
      this.cur[this.field] = this.token;
      this.before = this.token;
      this.token = 0;
      this.shape = 0;
      if (c == 10) {
        const oldest = this.prev2;
        this.prev2 = this.prev;
        this.prev2Count = this.prevCount;
        this.prev = this.cur;
        this.cur = oldest;
        this.prevCount = this.field + 1;
        this.field = 0;
        this.before = 0;
      } else if (this.field < MAX_FIELDS - 1) this.field++;
      return;
    }
    this.token = mixIn(this.token, c);
    this.shape = mixIn(this.shape, kind);
  }
}
