/**
 * Level 9's log contexts (model 3, preset logContexts), hashed, looked up
 * and learned only out of text mode (Predictor.textMode: most recent bytes
 * taken by guesses or runs), for the bytes coded bit by bit there: the
 * variable part of a log line, whose field layout repeats from line to line.
 *
 * They follow whole fields (split by space or tab, as in line-tracker.ts;
 * punctuation stays inside, unlike a word): the hash of the current field's
 * bytes so far (its token), of its shape so far (a digit as '0', a letter as
 * 'a', any other byte as itself: "10.2.3.44" and "192.168.0.1" share their
 * dots' places), of the whole field before it on this line, and of each
 * whole field of the previous two lines by field number.
 *
 * Measured at level 9 (LogHub + biglog, each beside the others): the field
 * above with the token -0.3 % (the most), the shape -0.1 %, the field two
 * lines above -0.1 %, the field above with the field before -0.1 %; all four
 * -1.0 % (biglog -1.5 %, LogHub -0.6 %), held-out logs -0.9 %. Not taken: the
 * token with the field number (-0.04 % more), the token with the field
 * before (-0.01 %), the last two bytes within the field (0).
 *
 * Three more follow the line as a template, where a line above of another
 * kind (interleaved messages) or a field with spaces (a quoted user agent)
 * leaves the fields above out of step: the line's *shape* so far (each run
 * of digits as one '0', other bytes as themselves) with the last byte; its
 * *skeleton* (each run of digits as one '0', of letters as one 'a') with the
 * field's bytes so far; and the whole field last seen at this field number
 * after the same line shape (a table by a 16-bit hash of both), with the
 * field's bytes so far. Measured at level 9: logs -1.5 % (apache access log
 * -2.8 %), held-out logs -1.3 %.
 */
import { hash3, mixIn } from './hash';
import { MAX_FIELDS } from './line-tracker';
import { Ctx } from './presets';

/** log2 of the weight sets of the neuron gated by the field's shape (Sel.FieldShape). */
export const FIELD_SHAPE_BITS = 12;

export class LogContexts {
  /** Hash of the current field's bytes so far (0 at its start). */
  private token = 0;
  /** Hash of the current field's shape so far (0 at its start). */
  private shape = 0;
  /** Hash of the whole field before this one on this line (0: none). */
  private before = 0;
  /** The field number (capped at MAX_FIELDS - 1), as LineTracker's. */
  private field = 0;
  /** This line's whole fields' hashes, and the two lines' before it (with their numbers of fields). */
  private cur = new Int32Array(MAX_FIELDS);
  private prev = new Int32Array(MAX_FIELDS);
  private prevCount = 0;
  private prev2 = new Int32Array(MAX_FIELDS);
  private prev2Count = 0;
  /** Each log context's position in the level's contexts (-1: not used). */
  private readonly aboveAt: number;
  private readonly shapeAt: number;
  private readonly twoAboveAt: number;
  private readonly aboveBeforeAt: number;
  private readonly lineShapeAt: number;
  private readonly skeletonAt: number;
  private readonly templateAt: number;
  /** Hash of the line so far, each run of digits as one '0' (0 at its start). */
  private lineShape = 0;
  /** Hash of the line so far, each run of digits as one '0' and of letters as one 'a' (0 at its start). */
  private skeleton = 0;
  /** The last byte's kind: 48 a digit, 97 a letter, else the byte (0 at a line's start). */
  private lastKind = 0;
  /** Hash of the line shape at this field's start and the field number (0 before the first separator). */
  private templateKey = 0;
  /** The whole field last seen after each template key (by its top 16 bits). */
  private readonly template = new Int32Array(1 << 16);
  /** The share of recent bytes that are control characters (not tab, line feed, carriage return), in 1/65536. */
  private controlShare = 0;

  constructor(contexts: readonly Ctx[]) {
    this.aboveAt = contexts.indexOf(Ctx.FieldAbove);
    this.shapeAt = contexts.indexOf(Ctx.FieldShape);
    this.twoAboveAt = contexts.indexOf(Ctx.FieldTwoAbove);
    this.aboveBeforeAt = contexts.indexOf(Ctx.FieldAboveBefore);
    this.lineShapeAt = contexts.indexOf(Ctx.LineShape);
    this.skeletonAt = contexts.indexOf(Ctx.LineSkeleton);
    this.templateAt = contexts.indexOf(Ctx.FieldTemplate);
  }

  /** This byte's hashes of the log contexts, at their positions in `hashes`; `c1` the last byte. */
  hash(hashes: Int32Array, c1: number): void {
    const token = this.token;
    const field = this.field;
    const above = field < this.prevCount ? this.prev[field] : 0;
    if (this.aboveAt >= 0) hashes[this.aboveAt] = hash3(token, above, 42);
    if (this.twoAboveAt >= 0) hashes[this.twoAboveAt] = hash3(token, field < this.prev2Count ? this.prev2[field] : 0, 45);
    if (this.aboveBeforeAt >= 0) hashes[this.aboveBeforeAt] = hash3(token, above ^ Math.imul(this.before, 0x9e3779b1), 46);
    if (this.shapeAt >= 0) hashes[this.shapeAt] = hash3(this.shape, (field << 8) | c1, 44);
    if (this.lineShapeAt >= 0) hashes[this.lineShapeAt] = hash3(this.lineShape, c1, 51);
    if (this.skeletonAt >= 0) hashes[this.skeletonAt] = hash3(this.skeleton, token, 52);
    if (this.templateAt >= 0) hashes[this.templateAt] = hash3(token, this.template[this.templateKey >>> 16], 53);
  }

  /**
   * The weight set of the neuron gated by Sel.FieldShape: a FIELD_SHAPE_BITS
   * hash of the field's shape so far and the field number. Where a digit or a
   * letter of a field is, and what came before it in the field, tells a lot of
   * what kind of byte comes (measured: logs -0.37 %, held-out logs -0.55 %;
   * 12 bits, 4096 sets, where 10 were: logs -0.04 % more).
   */
  shapeSet(): number {
    return hash3(this.shape, this.field, 48) >>> (32 - FIELD_SHAPE_BITS);
  }

  /**
   * Whether the recent bytes look binary (more than 1/16 control characters):
   * then the log contexts are not used even where guesses and runs take most
   * bytes (a spreadsheet's or an image's zero runs), for they cost time there
   * and gain nothing (kennedy.xls, ptt5).
   */
  binary(): boolean {
    return this.controlShare > 4096;
  }

  /** Takes in byte c (every byte, in both modes). */
  push(c: number): void {
    const control = c < 32 ? c !== 9 && c !== 10 && c !== 13 : c === 127;
    this.controlShare += ((control ? 65536 : 0) - this.controlShare) >> 6;
    const kind = c >= 48 && c <= 57 ? 48 : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 97 : c;
    const lastKind = this.lastKind;
    // The line as a template: a run of digits (shape), or of digits or of letters (skeleton), counts once.
    if (kind !== 48 || lastKind !== 48) this.lineShape = mixIn(this.lineShape, kind === 48 ? 48 : c);
    if (kind !== lastKind || (kind !== 48 && kind !== 97)) this.skeleton = mixIn(this.skeleton, kind);
    this.lastKind = kind;
    if (c === 0x20 || c === 0x09 || c === 10) {
      // The field just ended is what follows this line shape at this field number, next time.
      this.template[this.templateKey >>> 16] = this.token;
      if (c === 10) {
        this.lineShape = 0;
        this.skeleton = 0;
        this.lastKind = 0;
      }
      this.templateKey = hash3(this.lineShape, c === 10 ? 0 : Math.min(this.field + 1, MAX_FIELDS - 1), 53);
      this.cur[this.field] = this.token;
      this.before = this.token;
      this.token = 0;
      this.shape = 0;
      if (c === 10) {
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
