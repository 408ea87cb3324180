/**
 * Numeric fields against the previous line (levels 6 and 9 of model 3). Log lines
 * carry numbers that move a little from line to line (timestamps, counters,
 * sequence numbers): the byte above or at the same field offset foretells
 * such a digit only while nothing has carried. This part keeps, per line, the
 * digit runs of each whitespace-separated field (slot: field number × 8 +
 * which run of the field), and gives two bit contexts for the next byte,
 * each against the previous line's number in the same slot (its "value"):
 *
 *   NumericDiff   where the digits typed so far stand against the value's
 *                 first digits (equal, one above, one below, further off,
 *                 longer), how many of the value's digits are left, and the
 *                 value's next two digits: the counters learn the carries
 *                 (after "equal", the value's digit or one more; after
 *                 "one above", a small digit).
 *   NumericDelta  the value plus its own change from the line before it
 *                 (a counter that steps by 1, a clock that ticks by 5):
 *                 whether the digits so far agree with it, and if so its
 *                 next digit.
 *                 At levels 6 and 9 not a hashed context but a direct
 *                 input (NumericInput, below); at level 6 its next digit
 *                 is also a guess (expectedDigit, guess.ts).
 *
 * Numbers of up to 15 digits are exact in a double, so + and - on them are
 * exact on every machine; longer runs (ids) are compared as digits only.
 */
import { counterLogit, counterNext } from './counter';
import { hash3 } from './hash';
import { Table, zeroedTable } from './spare-tables';

/** Fields with a slot of their own; later ones share the last. */
const FIELDS = 64;
/** Digit runs per field with a slot of their own; later ones share the last. */
const RUNS = 8;
const SLOTS = FIELDS * RUNS;
/**
 * The last run's own slot, a constant: `RUNS - 1` written in the rare branch
 * (an 8th run in a field) would be arithmetic first run after V8 has
 * optimised push and the hashes, and throw that code away.
 */
const LAST_RUN = RUNS - 1;
/** Digits kept of a run (longer runs: their first DIGITS). */
const DIGITS = 20;
/** Runs up to this many digits have a value (exact in a double). */
const EXACT = 15;
const LINE_FEED = 10;

/** Hash seeds ("N", "D"), apart from contexts.ts's 2..13. */
const DIFF_SEED = 0x4e20;
const DELTA_SEED = 0x4e21;
/** deltaNext: no change known for the slot; a target out of range (NumericDelta's hash keys 12 and 13). */
const NO_CHANGE = 12;
const OUT_OF_RANGE = 13;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** One line's digit runs, by slot; a slot is valid for the line whose number is in `stamp`. */
class LineNumbers {
  readonly stamp = new Int32Array(SLOTS).fill(-1);
  readonly digits = new Uint8Array(SLOTS * DIGITS);
  readonly length = new Uint8Array(SLOTS);
  /** The run's value, or -1 when it has more than EXACT digits. */
  readonly value = new Float64Array(SLOTS);
  /** value minus the line before's value in this slot, when both have one (hasDelta). */
  readonly delta = new Float64Array(SLOTS);
  readonly hasDelta = new Uint8Array(SLOTS);
}

export class NumericTracker {
  private cur = new LineNumbers();
  private prev = new LineNumbers();
  private lineNo = 1;
  /** Set by diffHash: the digits so far against the value (0-5, as in its hash), 6 before a number, 7 in a number with no value above. */
  diffState = 6;
  private field = 0;
  /** Digit runs completed in the current field. */
  private runs = 0;
  /** Digits of the current run so far (0: the last byte was not a digit). */
  private n = 0;
  /**
   * The value of the current run's digits so far (set to 0 at each run's first digit, so never read before).
   * Starts as a non-integer so that V8 keeps the field a double from the start: runs of 10+ digits
   * pass 2^31, and a field first held as a small integer would change its representation then
   * (deoptimising push and every function that inlined it).
   */
  private prefixValue = 0.5;
  /** How many of the current run's first digits agree with the previous line's digits in the same slot (set in push). */
  private agreeing = 0;
  /** The slot of the current run (while n > 0). */
  private slot = 0;
  /** The value + delta target's digits (targetLength of them), for NumericDelta. */
  private readonly target = new Uint8Array(DIGITS);
  private targetLength = 0;
  /** The slot and line the target was worked out for. */
  private targetSlot = -1;
  private targetLine = -1;

  /** Takes in byte c. */
  push(c: number): void {
    if (isDigit(c)) {
      if (this.n === 0) {
        this.slot = this.field * RUNS + (this.runs < LAST_RUN ? this.runs : LAST_RUN);
        this.prefixValue = 0;
        this.agreeing = 0;
      }
      // The digits go straight to the line's slot (read back as the prefix).
      if (this.n < DIGITS) {
        const at = this.slot * DIGITS + this.n;
        this.cur.digits[at] = c;
        if (this.agreeing === this.n && this.prev.digits[at] === c) this.agreeing++;
      }
      if (this.n < EXACT) this.prefixValue = this.prefixValue * 10 + (c - 48);
      this.n++;
      return;
    }
    if (this.n > 0) this.endRun();
    if (c === 0x20 || c === 0x09) {
      if (this.field < FIELDS - 1) this.field++;
      this.runs = 0;
    } else if (c === LINE_FEED) {
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
    cur.length[s] = len;
    const value = n <= EXACT ? this.prefixValue : -1;
    cur.value[s] = value;
    if (value >= 0 && prev.stamp[s] === this.lineNo - 1 && prev.value[s] >= 0) {
      cur.delta[s] = value - prev.value[s];
      cur.hasDelta[s] = 1;
    } else {
      cur.hasDelta[s] = 0;
    }
    this.runs++;
    this.n = 0;
  }

  /** NumericDiff's hash for the next byte (c1: the last byte). */
  diffHash(c1: number): number {
    const n = this.n;
    const s = this.nextSlot();
    const prev = this.prev;
    const lead = n === 0 ? c1 : 0;
    if (prev.stamp[s] !== this.lineNo - 1) {
      this.diffState = n === 0 ? 6 : 7;
      return hash3((s << 6) | (n < 31 ? n : 31), lead, DIFF_SEED);
    }
    const len = prev.length[s];
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
        // (Compared for short numbers too: the first number longer than EXACT comes after V8 has optimised this.)
        const longState = prefix[at + j] > d[at + j] ? 3 : 4;
        if (n <= EXACT) {
          // v starts as -0, a double (the same values: -0 * 10 + digit is the digit): numbers
          // pass 2^31 after V8 has optimised this, and small-integer arithmetic would overflow then.
          let v = -0;
          for (let i = 0; i < n; i++) v = v * 10 + (d[at + i] - 48);
          const dv = this.prefixValue - v;
          state = dv === 1 ? 1 : dv === -1 ? 2 : dv > 1 ? 3 : 4;
        } else {
          state = longState;
        }
      }
    }
    this.diffState = n === 0 ? 6 : state;
    const left = n < len ? len - n : 0;
    const next = n < len ? d[at + n] - 48 : 10;
    const next2 = n + 1 < len ? d[at + n + 1] - 48 : 10;
    return hash3((s << 8) | (state << 5) | (left < 31 ? left : 31), (next << 12) | (next2 << 8) | lead, DIFF_SEED);
  }

  /** NumericDelta's hash for the next byte (c1: the last byte). */
  deltaHash(c1: number): number {
    const n = this.n;
    const s = this.nextSlot();
    const lead = n === 0 ? c1 : 0;
    const far = n < 3 ? n : 3;
    const next = this.deltaNext(s);
    if (next >= NO_CHANGE) return hash3((next << 4) | far, lead, DELTA_SEED);
    return hash3((next << 4) | (this.deltaSign(s) << 2) | (far > 2 ? 2 : far), lead, DELTA_SEED);
  }

  /**
   * The next digit (as a byte) of the previous line's value plus its change
   * in this slot (NumericDelta's target), while the digits so far agree
   * with it and it has digits left; else -1. A guess candidate (guess.ts).
   */
  expectedDigit(): number {
    const next = this.deltaNext(this.nextSlot());
    return next < 10 ? next + 48 : -1;
  }

  /**
   * NumericDelta's state as a number (NumericInput): (next × 3 + the change's sign) × 4 + how
   * far into the number (0-3), next as deltaNext's, 0..167; -1 before a number without a target.
   */
  deltaGroup(): number {
    const n = this.n;
    const s = this.nextSlot();
    const far = n < 3 ? n : 3;
    const next = this.deltaNext(s);
    if (next >= NO_CHANGE) return n === 0 ? -1 : next * 12 + far;
    return (next * 3 + this.deltaSign(s)) * 4 + far;
  }

  /** The slot of the next digit: the current run's, else the field's next run's. */
  private nextSlot(): number {
    return this.n > 0 ? this.slot : this.field * RUNS + (this.runs < LAST_RUN ? this.runs : LAST_RUN);
  }

  /**
   * Against the previous line's value plus its change in slot s (the
   * target): 0-9 the target's next digit (the digits so far agree), 10 its
   * end, 11 the digits disagree, NO_CHANGE no change known, OUT_OF_RANGE a target out of range.
   */
  private deltaNext(s: number): number {
    const prev = this.prev;
    if (prev.stamp[s] !== this.lineNo - 1 || prev.hasDelta[s] === 0) return NO_CHANGE;
    // The target's digits depend on the slot and the line only: worked out once per slot and line.
    if (this.targetSlot !== s || this.targetLine !== this.lineNo) this.makeTarget(s);
    const len = this.targetLength;
    if (len < 0) return OUT_OF_RANGE;
    const n = this.n;
    if (n > len) return 11;
    const target = this.target;
    const from = DIGITS - len;
    const prefix = this.cur.digits;
    const at = s * DIGITS;
    let j = 0;
    while (j < n && prefix[at + j] - 48 === target[from + j]) j++;
    if (j < n) return 11;
    return n < len ? target[from + n] : 10;
  }

  /** The sign of slot s's change on the previous line: 0 none, 1 up, 2 down. */
  private deltaSign(s: number): number {
    const delta = this.prev.delta[s];
    return delta === 0 ? 0 : delta > 0 ? 1 : 2;
  }

  /** The value + delta of slot s of the previous line as digits (target, targetLength; -1: out of range). */
  private makeTarget(s: number): void {
    const prev = this.prev;
    this.targetSlot = s;
    this.targetLine = this.lineNo;
    // -0 (a double) in the sums keeps V8's feedback for them a double's: values pass 2^31
    // after V8 has optimised this, and small-integer arithmetic would deopt then (the same values).
    const t = -0 + prev.value[s] + prev.delta[s];
    if (t < 0 || t > 999999999999999) {
      this.targetLength = -1;
      return;
    }
    // At least as many digits as the value had (kept leading zeros).
    const target = this.target;
    let len = 0;
    let rest = t;
    while (rest > 0 || len < prev.length[s]) {
      const q = Math.floor(rest / 10) + -0;
      target[DIGITS - 1 - len] = rest - q * 10;
      rest = q;
      len++;
      if (len === DIGITS) break;
    }
    this.targetLength = len;
  }
}

/**
 * NumericDelta as a direct input of the bit network (level 6 of model 3), in
 * place of a hashed context: while the byte's bits agree with the digit the
 * previous line's number plus its change foretells (expectedDigit), the
 * logit of P(bit = 1), learned by how far into the number, the change's
 * sign, whether that digit is the guess that just missed, the bit position
 * and the digit's bit; else 0. Like the match model's input: no table
 * line to fetch per nibble.
 */
/** NumericInput's counter groups: deltaGroup (168) × the byte's guess missed (2), 256 counters each (by c0). */
const GROUPS = 168 * 2;
/** Then, before a number without a foretold digit: by the last byte (256 groups). */
const BY_LAST = GROUPS;
/** Counters per group: 17 lines of 16. */
const GROUP_SIZE = 17 * 16;
/** The count the counters stop at: the level's (presets counterLimit). */
const COUNTER_LIMIT = 127;

export class NumericInput {
  /** This byte's counter group × GROUP_SIZE, set by select(). */
  private base = 0;
  /** The current nibble's 16 counters (as a hashed context's line): the group's first, or by the first nibble. */
  private line = 0;
  /**
   * Counters (counter.ts, as the hashed contexts'): per group 17 lines of 16, the first nibble's,
   * then the second's by the first nibble, each at the nibble's bits so far behind a leading 1 (ci).
   */
  private readonly counters = zeroedTable(Uint32Array, (BY_LAST + 256) * GROUP_SIZE);
  /** The counter of the current bit. */
  private slot = 0;

  /** Sets up the next byte (coded bit by bit): `excluded`, the guess that missed with a leading 1 bit, or 0; c1 the last byte. */
  select(numeric: NumericTracker, excluded: number, c1: number): void {
    const group = numeric.deltaGroup();
    const base = (group < 0 ? BY_LAST + c1 : group * 2 + (excluded !== 0 ? 1 : 0)) * GROUP_SIZE;
    this.base = base;
    this.line = base;
  }

  /** After the first nibble (its 4 bits). */
  selectSecond(nibble: number): void {
    this.line = this.base + 16 + nibble * 16;
  }

  /** The input for the next bit (ci: the nibble's bits so far behind a leading 1). */
  input(ci: number): number {
    const slot = this.line + ci;
    this.slot = slot;
    return counterLogit(this.counters[slot]);
  }
  /** Its table (about 630 KiB), for retireTables. */
  tables(): Table[] {
    return [this.counters];
  }

  /** Learns the bit after input(). */
  learn(bit: number): void {
    const slot = this.slot;
    this.counters[slot] = counterNext(this.counters[slot], bit, COUNTER_LIMIT);
  }
}
