// src/model/record.ts: fixed-length records (level 9 of model 3), their
// length learned from byte values coming back at the same distance, and the
// three record contexts' hashes. Nothing left out. Positions are i32 (the
// original's are doubles): a model codes one frame, far below 2^31 bytes.
import { hash3 } from './hash';
import { Table } from './table';

const RING_BITS: i32 = 16;
const RING: i32 = 1 << RING_BITS;
const MASK: i32 = RING - 1;
/** Longer "records" are not followed. */
const MAX_LENGTH: i32 = 1 << (RING_BITS - 2);
const ABOVE_SEED: i32 = 0x5230;
const ABOVE_LEFT_SEED: i32 = 0x5231;
const TWO_ABOVE_SEED: i32 = 0x5232;
/** How often (p16, a moving average) the byte one record above must equal the byte for the contexts to look above. */
const GATE: i32 = 16384;

@final export class RecordModel {
  private readonly ring: Table<u8> = new Table<u8>(RING);
  private pos: i32 = 0;
  /** By byte value: its last position (-1: none), and the distance to the one before (and before that). */
  private readonly lastAt: Table<i32> = new Table<i32>(256);
  private readonly dist1: Table<i32> = new Table<i32>(256);
  private readonly dist2: Table<i32> = new Table<i32>(256);
  /** The record length, 0 while none is known. */
  length: i32 = 0;
  private agreement: i32 = 0;
  /** The contexts look above; else they stay fixed and the predictor silences their inputs. */
  active: bool = false;

  constructor() {
    this.lastAt.fill(-1, 0, 256);
  }

  push(c: i32): void {
    const pos = this.pos;
    if (this.length > 0 && pos >= this.length) {
      const same = <i32>this.ring[(pos - this.length) & MASK] == c ? 65536 : 0;
      this.agreement += (same - this.agreement) >> 6;
    } else {
      this.agreement -= this.agreement >> 6;
    }
    this.ring[pos & MASK] = <u8>c;
    const last = this.lastAt[c];
    if (last >= 0) {
      const d = pos - last;
      if (d > 1 && d <= MAX_LENGTH && d == this.dist1[c] && d == this.dist2[c]) this.length = d;
      this.dist2[c] = this.dist1[c];
      this.dist1[c] = d;
    }
    this.lastAt[c] = pos;
    this.pos = pos + 1;
    this.active = this.length > 0 && this.agreement >= GATE;
  }

  /** The byte `records` records before the next byte (0 before the start or without a length). */
  // @ts-ignore: decorator
  @inline private back(records: i32, shift: i32): i32 {
    const at = this.pos - records * this.length + shift;
    return this.active && at >= 0 ? <i32>this.ring[at & MASK] : 0;
  }

  // @ts-ignore: decorator
  @inline private activeLength(): i32 {
    return this.active ? this.length : 0;
  }

  aboveHash(): i32 {
    return hash3((this.back(1, -1) << 16) | (this.back(1, 0) << 8) | this.back(1, 1), this.activeLength(), ABOVE_SEED);
  }

  aboveLeftHash(c1: i32): i32 {
    return hash3((this.back(1, 0) << 8) | c1, this.activeLength(), ABOVE_LEFT_SEED);
  }

  twoAboveHash(): i32 {
    return hash3((this.back(1, 0) << 8) | this.back(2, 0), this.activeLength(), TWO_ABOVE_SEED);
  }
}
