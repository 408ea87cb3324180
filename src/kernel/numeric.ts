// src/model/numeric.ts: numeric fields against the previous line (NumericTracker), and
// NumericDelta as a direct input of the bit network (NumericInput, level 6 of model 3).
// Values and changes are f64 with the original's operations in its order (numbers of up to
// 15 digits, exact in a double); digits are bytes.
import { counterLogit, counterNext } from './counter';
import { hash3 } from './hash';
import { Table } from './table';

/** Fields with a slot of their own; later ones share the last. */
const FIELDS: i32 = 64;
/** Digit runs per field with a slot of their own; later ones share the last. */
const RUNS: i32 = 8;
const SLOTS: i32 = FIELDS * RUNS;
const LAST_RUN: i32 = RUNS - 1;
/** Digits kept of a run (longer runs: their first DIGITS). */
const DIGITS: i32 = 20;
/** Runs up to this many digits have a value (exact in a double). */
const EXACT: i32 = 15;
const LINE_FEED: i32 = 10;

/** Hash seeds ("N", "D"). */
const DIFF_SEED: i32 = 0x4e20;
const DELTA_SEED: i32 = 0x4e21;
/** deltaNext: no change known for the slot; a target out of range. */
const NO_CHANGE: i32 = 12;
const OUT_OF_RANGE: i32 = 13;

// @ts-ignore: decorator
@inline function isDigit(c: i32): bool {
  return c >= 48 && c <= 57;
}

/** One line's digit runs, by slot; a slot is valid for the line whose number is in `stamp`. */
@final class LineNumbers {
  readonly stamp: Table<i32> = new Table<i32>(SLOTS);
  readonly digits: Table<u8> = new Table<u8>(SLOTS * DIGITS);
  readonly length: Table<u8> = new Table<u8>(SLOTS);
  /** The run's value, or -1 when it has more than EXACT digits. */
  readonly value: Table<f64> = new Table<f64>(SLOTS);
  /** value minus the line before's value in this slot, when both have one (hasDelta). */
  readonly delta: Table<f64> = new Table<f64>(SLOTS);
  readonly hasDelta: Table<u8> = new Table<u8>(SLOTS);

  constructor() {
    this.stamp.fill(-1, 0, SLOTS);
  }
}

@final export class NumericTracker {
  private cur: LineNumbers = new LineNumbers();
  private prev: LineNumbers = new LineNumbers();
  private lineNo: i32 = 1;
  /** Set by diffHash: the digits so far against the value (0-5), 6 before a number, 7 in a number with no value above. */
  diffState: i32 = 6;
  private field: i32 = 0;
  /** Digit runs completed in the current field. */
  private runs: i32 = 0;
  /** Digits of the current run so far (0: the last byte was not a digit). */
  private n: i32 = 0;
  /** The value of the current run's digits so far (set to 0 at each run's first digit). */
  private prefixValue: f64 = 0.5;
  /** How many of the current run's first digits agree with the previous line's digits in the same slot. */
  private agreeing: i32 = 0;
  /** The slot of the current run (while n > 0). */
  private slot: i32 = 0;
  /** The value + delta target's digits (targetLength of them, at the end), for NumericDelta. */
  private readonly target: StaticArray<u8> = new StaticArray<u8>(DIGITS);
  private targetLength: i32 = 0;
  /** The slot and line the target was worked out for. */
  private targetSlot: i32 = -1;
  private targetLine: i32 = -1;

  /** Takes in byte c. */
  push(c: i32): void {
    if (isDigit(c)) {
      if (this.n == 0) {
        this.slot = this.field * RUNS + (this.runs < LAST_RUN ? this.runs : LAST_RUN);
        this.prefixValue = 0;
        this.agreeing = 0;
      }
      if (this.n < DIGITS) {
        const at = this.slot * DIGITS + this.n;
        this.cur.digits[at] = <u8>c;
        if (this.agreeing == this.n && <i32>this.prev.digits[at] == c) this.agreeing++;
      }
      if (this.n < EXACT) this.prefixValue = this.prefixValue * 10 + <f64>(c - 48);
      this.n++;
      return;
    }
    if (this.n > 0) this.endRun();
    if (c == 0x20 || c == 0x09) {
      if (this.field < FIELDS - 1) this.field++;
      this.runs = 0;
    } else if (c == LINE_FEED) {
      const done = this.prev;
      this.prev = this.cur;
      this.cur = done;
      this.lineNo++;
      this.field = 0;
      this.runs = 0;
    }
  }

  /** Stores the run just ended in the current line's slot. */
  private endRun(): void {
    const cur = this.cur;
    const prev = this.prev;
    const s = this.slot;
    const n = this.n;
    const len = n < DIGITS ? n : DIGITS;
    cur.stamp[s] = this.lineNo;
    cur.length[s] = <u8>len;
    const value: f64 = n <= EXACT ? this.prefixValue : -1;
    cur.value[s] = value;
    if (value >= 0 && prev.stamp[s] == this.lineNo - 1 && prev.value[s] >= 0) {
      cur.delta[s] = value - prev.value[s];
      cur.hasDelta[s] = 1;
    } else {
      cur.hasDelta[s] = 0;
    }
    this.runs++;
    this.n = 0;
  }

  /** NumericDiff's hash for the next byte (c1: the last byte). */
  diffHash(c1: i32): i32 {
    const n = this.n;
    const s = this.nextSlot();
    const prev = this.prev;
    const lead = n == 0 ? c1 : 0;
    if (prev.stamp[s] != this.lineNo - 1) {
      this.diffState = n == 0 ? 6 : 7;
      return hash3((s << 6) | (n < 31 ? n : 31), lead, DIFF_SEED);
    }
    const len = <i32>prev.length[s];
    const at = s * DIGITS;
    const d = prev.digits;
    let state = 0; // equal so far
    if (n > len) {
      state = 5;
    } else {
      const prefix = this.cur.digits;
      const k = n < DIGITS ? n : DIGITS;
      // The first j < k where the digits differ, else k (push keeps the count of agreeing first digits).
      const j = this.agreeing;
      if (j < k) {
        if (n <= EXACT) {
          let v: f64 = -0.0;
          for (let i = 0; i < n; i++) v = v * 10 + <f64>(<i32>d[at + i] - 48);
          const dv = this.prefixValue - v;
          state = dv == 1 ? 1 : dv == -1 ? 2 : dv > 1 ? 3 : 4;
        } else {
          state = prefix[at + j] > d[at + j] ? 3 : 4;
        }
      }
    }
    this.diffState = n == 0 ? 6 : state;
    const left = n < len ? len - n : 0;
    const next = n < len ? <i32>d[at + n] - 48 : 10;
    const next2 = n + 1 < len ? <i32>d[at + n + 1] - 48 : 10;
    return hash3((s << 8) | (state << 5) | (left < 31 ? left : 31), (next << 12) | (next2 << 8) | lead, DIFF_SEED);
  }

  /** NumericDelta's hash for the next byte (c1: the last byte); not a context at level 6 (NumericInput instead). */
  deltaHash(c1: i32): i32 {
    const n = this.n;
    const s = this.nextSlot();
    const lead = n == 0 ? c1 : 0;
    const far = n < 3 ? n : 3;
    const next = this.deltaNext(s);
    if (next >= NO_CHANGE) return hash3((next << 4) | far, lead, DELTA_SEED);
    return hash3((next << 4) | (this.deltaSign(s) << 2) | (far > 2 ? 2 : far), lead, DELTA_SEED);
  }

  /** The next digit (as a byte) of the previous line's value plus its change in this slot while the digits so far agree; else -1 (guess.ts). */
  expectedDigit(): i32 {
    const next = this.deltaNext(this.nextSlot());
    return next < 10 ? next + 48 : -1;
  }

  /** NumericDelta's state as a number (NumericInput), 0..167; -1 before a number without a target. */
  deltaGroup(): i32 {
    const n = this.n;
    const s = this.nextSlot();
    const far = n < 3 ? n : 3;
    const next = this.deltaNext(s);
    if (next >= NO_CHANGE) return n == 0 ? -1 : next * 12 + far;
    return (next * 3 + this.deltaSign(s)) * 4 + far;
  }

  /** The slot of the next digit: the current run's, else the field's next run's. */
  // @ts-ignore: decorator
  @inline private nextSlot(): i32 {
    return this.n > 0 ? this.slot : this.field * RUNS + (this.runs < LAST_RUN ? this.runs : LAST_RUN);
  }

  /** 0-9 the target's next digit, 10 its end, 11 the digits disagree, NO_CHANGE, OUT_OF_RANGE. */
  private deltaNext(s: i32): i32 {
    const prev = this.prev;
    if (prev.stamp[s] != this.lineNo - 1 || prev.hasDelta[s] == 0) return NO_CHANGE;
    if (this.targetSlot != s || this.targetLine != this.lineNo) this.makeTarget(s);
    const len = this.targetLength;
    if (len < 0) return OUT_OF_RANGE;
    const n = this.n;
    if (n > len) return 11;
    const target = this.target;
    const from = DIGITS - len;
    const prefix = this.cur.digits;
    const at = s * DIGITS;
    let j = 0;
    while (j < n && <i32>prefix[at + j] - 48 == <i32>unchecked(target[from + j])) j++;
    if (j < n) return 11;
    return n < len ? <i32>unchecked(target[from + n]) : 10;
  }

  /** The sign of slot s's change on the previous line: 0 none, 1 up, 2 down. */
  // @ts-ignore: decorator
  @inline private deltaSign(s: i32): i32 {
    const delta = this.prev.delta[s];
    return delta == 0 ? 0 : delta > 0 ? 1 : 2;
  }

  /** The value + delta of slot s of the previous line as digits (target, targetLength; -1: out of range). */
  private makeTarget(s: i32): void {
    const prev = this.prev;
    this.targetSlot = s;
    this.targetLine = this.lineNo;
    const t: f64 = -0.0 + prev.value[s] + prev.delta[s];
    if (t < 0 || t > 999999999999999) {
      this.targetLength = -1;
      return;
    }
    // At least as many digits as the value had (kept leading zeros).
    const target = this.target;
    const minLen = <i32>prev.length[s];
    let len = 0;
    let rest = t;
    while (rest > 0 || len < minLen) {
      const q = Math.floor(rest / 10) + -0.0;
      unchecked((target[DIGITS - 1 - len] = <u8>(<i32>(rest - q * 10))));
      rest = q;
      len++;
      if (len == DIGITS) break;
    }
    this.targetLength = len;
  }
}

/** NumericInput's counter groups: deltaGroup (168) × the byte's guess missed (2), 256 counters each (by c0). */
const GROUPS: i32 = 168 * 2;
/** Then, before a number without a foretold digit: by the last byte (256 groups). */
const BY_LAST: i32 = GROUPS;
/** Counters per group: 17 lines of 16. */
const GROUP_SIZE: i32 = 17 * 16;
/** The count the counters stop at: the level's (presets counterLimit). */
const COUNTER_LIMIT: u32 = 127;

@final export class NumericInput {
  /** This byte's counter group × GROUP_SIZE, set by select(). */
  private base: i32 = 0;
  /** The current nibble's 16 counters. */
  private line: i32 = 0;
  /** Per group 17 lines of 16: the first nibble's, then the second's by the first nibble, at ci. */
  private readonly counters: Table<u32> = new Table<u32>((BY_LAST + 256) * GROUP_SIZE);
  /** The counter of the current bit. */
  private slot: i32 = 0;

  /** Sets up the next byte: `excluded`, the guess that missed with a leading 1 bit, or 0; c1 the last byte. */
  select(numeric: NumericTracker, excluded: i32, c1: i32): void {
    const group = numeric.deltaGroup();
    const base = (group < 0 ? BY_LAST + c1 : group * 2 + (excluded != 0 ? 1 : 0)) * GROUP_SIZE;
    this.base = base;
    this.line = base;
  }

  /** After the first nibble (its 4 bits). */
  selectSecond(nibble: i32): void {
    this.line = this.base + 16 + nibble * 16;
  }

  /** The input for the next bit (ci: the nibble's bits so far behind a leading 1). */
  // @ts-ignore: decorator
  @inline input(ci: i32): i32 {
    const slot = this.line + ci;
    this.slot = slot;
    return counterLogit(this.counters[slot]);
  }

  /** Learns the bit after input(). */
  // @ts-ignore: decorator
  @inline learn(bit: i32): void {
    const slot = this.slot;
    this.counters[slot] = counterNext(this.counters[slot], bit, COUNTER_LIMIT);
  }
}
