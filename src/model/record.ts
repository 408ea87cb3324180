/**
 * Fixed-length records (level 9 of model 3). A fax bitmap (ptt5: 216 bytes
 * a row, almost no line feeds), a spreadsheet's cells or a fixed-width table
 * repeat their layout every `length` bytes, and the byte one record above
 * foretells this one as the byte above in a text column does. The line
 * tracker's column context misses it: there are no line feeds to count from.
 *
 * The record length is learned from the bytes both sides have seen: when a
 * byte value comes back three times at the same distance d (> 1), d becomes
 * the record length (the same rule as the order-1 distances of record
 * models in the PAQ family). While the byte one record above seldom equals
 * the byte (prose, most logs, or no length yet), the contexts are inactive:
 * they stay fixed and the predictor gives the network 0 for them, so they
 * cost text nothing.
 *
 * Contexts (hashed, with the record length so that lengths keep apart):
 *   RecordAbove      the bytes above, above-left and above-right
 *   RecordAboveLeft  the byte above and the last byte
 *   RecordTwoAbove   the byte above and the byte two records above
 */
import { hash3 } from './hash';

/** Ring of the last bytes: two records of up to MAX_LENGTH bytes. */
const RING_BITS = 16;
const RING = 1 << RING_BITS;
const MASK = RING - 1;
/** Longer "records" are not followed. */
const MAX_LENGTH = 1 << (RING_BITS - 2);
/** Hash seeds, apart from contexts.ts's and numeric.ts's. */
const ABOVE_SEED = 0x5230;
const ABOVE_LEFT_SEED = 0x5231;
const TWO_ABOVE_SEED = 0x5232;
/** How often (p16, a moving average over about 64 bytes) the byte one record above must equal the byte for the contexts to look above (measured: 1/2 costs kennedy.xls 7 %, 1/8 more than 1/4 on text). */
const GATE = 16384;

export class RecordModel {
  private readonly ring = new Uint8Array(RING);
  private pos = 0;
  /** By byte value: its last position, and the distance to the one before (and before that). */
  private readonly lastAt = new Float64Array(256).fill(-1);
  private readonly dist1 = new Int32Array(256);
  private readonly dist2 = new Int32Array(256);
  /** The record length, 0 while none is known. */
  length = 0;
  /** How often the byte one record above was the byte (p16, a moving average). */
  private agreement = 0;
  /** The contexts look above (agreement >= GATE); else they stay fixed and the predictor silences their inputs. */
  active = false;

  push(c: number): void {
    const pos = this.pos;
    if (this.length > 0 && pos >= this.length) {
      const same = this.ring[(pos - this.length) & MASK] === c ? 65536 : 0;
      this.agreement += (same - this.agreement) >> 6;
    } else {
      this.agreement -= this.agreement >> 6;
    }
    this.ring[pos & MASK] = c;
    const last = this.lastAt[c];
    if (last >= 0) {
      // (| 0: last comes from a Float64Array; a double stored into length would change the object's map, and throw away the code V8 optimised for it.)
      const d = (pos - last) | 0;
      if (d > 1 && d <= MAX_LENGTH && d === this.dist1[c] && d === this.dist2[c]) this.length = d;
      this.dist2[c] = this.dist1[c];
      this.dist1[c] = d;
    }
    this.lastAt[c] = pos;
    this.pos = pos + 1;
    this.active = this.length > 0 && this.agreement >= GATE;
  }

  /** The byte `records` records before the next byte (0 before the start or without a length). */
  private back(records: number, shift: number): number {
    // Every operand read on every call: the contexts turn active long after
    // V8 has optimised the predictor, and an operation first run then (no type
    // feedback yet) would throw that code away.
    const at = this.pos - records * this.length + shift;
    const inRecords = at >= 0;
    const byte = this.ring[at & MASK];
    return this.active && inRecords ? byte : 0;
  }

  /** The record length while active, else 0 (read on every call, as in back). */
  private activeLength(): number {
    const length = this.length;
    return this.active ? length : 0;
  }

  aboveHash(): number {
    return hash3((this.back(1, -1) << 16) | (this.back(1, 0) << 8) | this.back(1, 1), this.activeLength(), ABOVE_SEED);
  }

  aboveLeftHash(c1: number): number {
    return hash3((this.back(1, 0) << 8) | c1, this.activeLength(), ABOVE_LEFT_SEED);
  }

  twoAboveHash(): number {
    return hash3((this.back(1, 0) << 8) | this.back(2, 0), this.activeLength(), TWO_ABOVE_SEED);
  }
}
