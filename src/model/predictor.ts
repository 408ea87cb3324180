/**
 * The predictor: a small neural network that learns while it codes.
 *
 * A byte is coded in one of two ways (model 2; model 1 always uses the second):
 *
 * - Guessed: when the match model or the previous line foretells the byte
 *   and the expected-byte model (src/model/expect.ts) trusts the guess
 *   enough, one decision is coded: "the byte is the guess". On a log most
 *   bytes end here, at the cost of one decision instead of eight. On a miss
 *   the byte follows, bit by bit, its last bit excluded from being the guess's.
 * - Bit by bit: 8 binary decisions, most significant bit first. For each, a
 *   set of context models each give a probability that the bit is 1; their
 *   logits are the inputs of a two-layer gated network (src/model/network.ts)
 *   whose output is refined by adaptive probability maps (src/model/apm.ts).
 *   A guess too weak to be coded on its own is one more input here.
 *
 * After each decision every part that took part takes one learning step, so
 * the decompressor, which sees the same decisions in the same order,
 * retraces exactly the same networks. The bit models learn only from the
 * bytes coded bit by bit: they model what the guesses do not foresee
 * (measured: also learning from the guessed bytes made the output larger).
 *
 * Contexts (each level picks some, see presets.ts):
 *   order-n     the last n bytes (n = 0..6)
 *   sparse      the 2nd and 3rd last bytes, skipping the last
 *   field pos.  the field number and the offset in the field (where in the
 *               line's layout this byte is), with the last byte
 *   word        the letters and digits of the current word
 *   column      the previous sentence's bytes at this column
 *   field       the previous sentence's bytes at this offset of the same
 *               whitespace-separated field (log lines are mostly the line
 *               before with a few fields changed, often of other widths)
 *   match       the byte that followed the last occurrence of the current
 *               6-byte context, weighted by how long the match has run
 *
 * Everything is integer or IEEE-754 + - * / in a fixed order: bit-exact on
 * every machine.
 */
import { LINE_FEED, MAX_SENTENCE } from '../format/sentence';
import { Apm } from './apm';
import { COUNT_MASK, counterLogit, counterNext } from './counter';
import { ExpectModel, Expectation } from './expect';
import { hash3 } from './hash';
import { STRETCH } from './logistic';
import { Network } from './network';
import { Ctx, ModelPreset, Sel } from './presets';

/** Direct (unhashed) buckets: order 0 has 17 nibble buckets, order 1 has 17 per previous byte. */
const ORDER0_BASE = 0;
const ORDER1_BASE = 17;
const DIRECT_BUCKETS = 17 + 256 * 17 + 1; // even, so hashed buckets pair up as 2k, 2k + 1
const SLOTS = 16; // one bucket = 16 x 32-bit slots = one 64-byte cache line
/** A hashed context's lines for one byte: the first nibble's, then one per value of the first nibble. */
const BLOCK = 17;

/** How many weight sets each selector of a first-layer neuron distinguishes. */
const SELECTOR_SETS = [256, 64 * 8, 256, 256, 256];

const MATCH_MIN = 6;
const MATCH_MAX_VERIFY = 32;
const MAX_FIELDS = 64;

function isWordByte(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c >= 128;
}

export class Predictor {
  readonly preset: ModelPreset;
  private readonly kinds: Int32Array;
  private readonly n: number; // number of counter contexts
  private readonly inputs: number;

  // Counter contexts.
  private readonly table: Uint32Array;
  private readonly probe: Int32Array;
  private readonly probeHash: Int32Array;
  private readonly blocks: number;
  private readonly ctxHash: Int32Array;
  private readonly bucket: Int32Array;
  private readonly slot: Int32Array;
  private readonly limit: number;

  // The network.
  private readonly net: Network;
  private readonly x: Float64Array;
  private readonly selectors: Int32Array;
  private readonly sets: Int32Array;
  private readonly choice = new Int32Array(5);
  private readonly apmStages: number;
  private readonly apm1: Apm;
  private readonly apm2: Apm;

  // Bit and byte state.
  private c0 = 1; // bits of the current byte so far, behind a leading 1
  private nib = 1; // bits of the current nibble so far, behind a leading 1
  private bitPos = 0;
  private c4 = 0; // the last 4 bytes
  private c8 = 0; // the 4 before those
  private wordHash = 0;

  // Sentences: the current one and the one before, with field starts.
  private cur = new Uint8Array(MAX_SENTENCE + 2);
  private prev = new Uint8Array(MAX_SENTENCE + 2);
  private curLen = 0;
  private prevLen = 0;
  private curFields = new Int32Array(MAX_FIELDS + 1);
  private prevFields = new Int32Array(MAX_FIELDS + 1);
  private curFieldCount = 1;
  private prevFieldCount = 0;
  private fieldIdx = 0;
  private fieldPos = 0;
  private fieldNumberSet = 0; // the field number (capped at 31) × 8: the Sel.FieldNumber weight set at bit 0
  private columnCtx = 0; // the previous sentence's two bytes at this column
  private fieldCtx = 0; // the previous sentence's two bytes at this offset of this field
  /** Sink for the touching loads in selectBuckets, so they are not optimised away. */
  private touched = 0;

  // Guesses (model 2).
  private readonly expect: ExpectModel;
  private readonly expectation: Expectation = { byte: 0, lengthBucket: 0, agree: 0, c4: 0, c8: 0, fieldIdx: 0, fieldPos: 0, column: 0 };
  /** p16 a guess needs to be coded as its own decision; -1 in model 1 (no guesses). */
  private readonly guessThreshold: number;
  private guess = -1; // the guess to be coded now, or -1
  private weakGuess = -1; // a guess too weak for that, an input of the bit network, or -1
  private hitP = 0; // the expected-byte model's p16 for this byte's guess
  /** P(the next bit is the weak guess's), by bit position and hitP / 2048, as p16. */
  private readonly weakCounters = new Int32Array(8 * 32).fill(32768);
  private weakSlot = -1;
  private weakBit = 0;
  /** After a missed guess: the guess with a leading 1 bit (bit 8), else 0. */
  private excluded = 0;
  private forced = false; // this bit is known (the excluded guess's last bit): no learning

  // Match model.
  private readonly history: Uint8Array;
  private readonly historyMask: number;
  private readonly matchTable: Int32Array;
  private readonly matchMask: number;
  private pos = 0;
  private matchPtr = 0;
  private matchLen = 0;
  private matchByte = 0; // predicted byte, with a leading 1 bit at 256
  private readonly matchCounters = new Int32Array(64 * 2);
  private matchSlot = -1;
  private expectedBit = 0;

  constructor(preset: ModelPreset) {
    this.preset = preset;
    this.kinds = Int32Array.from(preset.contexts);
    this.n = this.kinds.length;
    this.guessThreshold = preset.guessThreshold;
    // + match + bias (+ weak guess in model 2)
    this.inputs = this.n + (this.guessThreshold < 0 ? 2 : 3);
    this.table = new Uint32Array((DIRECT_BUCKETS + 2 ** preset.tableBits) * SLOTS);
    // An even number of blocks, so that blocks pair up as 2k, 2k + 1.
    this.blocks = Math.floor(2 ** preset.tableBits / BLOCK / 2) * 2;
    this.ctxHash = new Int32Array(this.n);
    this.probe = new Int32Array(this.n);
    this.probeHash = new Int32Array(this.n);
    this.bucket = new Int32Array(this.n);
    this.slot = new Int32Array(this.n);
    this.limit = preset.counterLimit;

    this.selectors = Int32Array.from(preset.neurons);
    this.sets = new Int32Array(this.selectors.length);
    this.apmStages = preset.apmStages;
    this.net = new Network({
      inputs: this.inputs,
      // Weight sets chosen by: the partial byte; match length and bit position; the byte above.
      sets: Array.from(this.selectors, (k) => SELECTOR_SETS[k]),
      outputSets: 8,
      initialWeight: 0.3,
      learningRate: 0.02,
      outputLearningRate: 0.005,
      skip: 1 / 128,
    });
    this.x = this.net.x;
    this.x[this.inputs - 1] = 256; // bias input: a logit of 1
    this.apm1 = new Apm(this.apmStages > 0 ? 256 : 0, 7);
    this.apm2 = new Apm(this.apmStages > 1 ? 65536 : 0, 7);

    this.history = new Uint8Array(2 ** preset.historyBits);
    this.historyMask = 2 ** preset.historyBits - 1;
    this.matchTable = new Int32Array(2 ** preset.matchBits);
    this.matchMask = 2 ** preset.matchBits - 1;
    for (let i = 0; i < this.matchCounters.length; i++) this.matchCounters[i] = 32768;
    // Model 1 never guesses: its expected-byte model is a token one.
    this.expect = new ExpectModel(this.guessThreshold < 0 ? 0 : Math.min(16, preset.tableBits), preset.counterLimit);

    this.startByte();
  }

  /**
   * The byte the model expects next, or -1 if it has no guess. With a guess,
   * the next decision is "the byte is the guess" (predictHit / updateHit);
   * without one, or after a miss, the byte's 8 bits (predict / update).
   */
  expected(): number {
    return this.guess;
  }

  /** P(the next byte is expected()) as p16. */
  predictHit(): number {
    return this.hitP;
  }

  /** Learns whether the guess was right; a hit completes the byte. */
  updateHit(hit: number): void {
    this.expect.update(hit);
    const guess = this.guess;
    this.guess = -1;
    if (hit) {
      this.endByte(guess);
      this.startByte();
      return;
    }
    // A miss: the match (if it made the guess) is over, and the guess is
    // excluded from the byte's last bit.
    this.matchLen = 0;
    this.excluded = guess | 256;
    this.selectBuckets();
  }

  /** P(next bit = 1) as an integer in [1, 65535] (units of 1/65536). */
  predict(): number {
    // Once 7 bits agree with a guess that missed, the last bit is known.
    if (this.bitPos === 7 && this.excluded >>> 1 === this.c0) {
      this.forced = true;
      return this.excluded & 1 ? 1 : 65535;
    }
    const t = this.table;
    const x = this.x;
    const n = this.n;
    const nib = this.nib;
    for (let i = 0; i < n; i++) {
      const s = this.bucket[i] + nib;
      this.slot[i] = s;
      x[i] = counterLogit(t[s]);
    }
    // Match model: the next bit of the predicted byte, while the byte agrees so far.
    if (this.matchLen > 0 && this.matchByte >>> (8 - this.bitPos) === this.c0) {
      this.expectedBit = (this.matchByte >>> (7 - this.bitPos)) & 1;
      const len = this.matchLen > 15 ? 15 + Math.min(48, (this.matchLen - 15) >>> 2) : this.matchLen;
      this.matchSlot = len * 2 + this.expectedBit;
      x[n] = STRETCH[this.matchCounters[this.matchSlot]];
    } else {
      this.matchSlot = -1;
      x[n] = 0;
    }
    // A guess too weak to code on its own: the next bit of it, while the byte agrees so far.
    const weak = this.weakGuess | 256;
    if (this.weakGuess >= 0 && weak >>> (8 - this.bitPos) === this.c0) {
      const bitOfGuess = (weak >>> (7 - this.bitPos)) & 1;
      this.weakSlot = this.bitPos * 32 + (this.hitP >>> 11);
      this.weakBit = bitOfGuess;
      const st = STRETCH[this.weakCounters[this.weakSlot]];
      x[n + 1] = bitOfGuess ? st : -st;
    } else {
      this.weakSlot = -1;
      if (this.guessThreshold >= 0) x[n + 1] = 0; // (in model 1, x[n + 1] is the bias)
    }

    const lenSet = this.matchSlot < 0 ? 0 : Math.min(this.matchLen, 63);
    const sets = this.sets;
    const choice = this.choice;
    choice[Sel.PartialByte] = this.c0;
    choice[Sel.MatchLength] = lenSet * 8 + this.bitPos;
    choice[Sel.FieldNumber] = this.fieldNumberSet | this.bitPos;
    // (Sel.Above and Sel.PreviousByte are set once per byte, in startByte.)
    for (let k = 0; k < sets.length; k++) sets[k] = choice[this.selectors[k]];
    const d = this.net.forward(sets, this.bitPos);
    const pMix = this.net.p;
    if (this.apmStages === 0) return pMix;
    const p1 = this.apm1.refine(d, this.c0);
    if (this.apmStages === 1) return (pMix + p1) >> 1;
    const p2 = this.apm2.refine(d, this.c0 | ((this.c4 & 0xff) << 8));
    return (pMix + p1 + 2 * p2) >> 2;
  }

  /** Learns from the bit just coded; call once after each predict(). */
  update(bit: number): void {
    if (this.forced) {
      this.forced = false;
    } else {
      // Counters.
      const t = this.table;
      const limit = this.limit;
      for (let i = 0; i < this.n; i++) {
        const s = this.slot[i];
        t[s] = counterNext(t[s], bit, limit);
      }
      if (this.matchSlot >= 0) {
        const mc = this.matchCounters;
        mc[this.matchSlot] += ((bit ? 65535 : 1) - mc[this.matchSlot]) >> 6;
        if (bit !== this.expectedBit) this.matchLen = 0;
      }
      if (this.weakSlot >= 0) {
        const wc = this.weakCounters;
        wc[this.weakSlot] += ((bit === this.weakBit ? 65535 : 1) - wc[this.weakSlot]) >> 6;
      }

      // The network: every neuron takes one gradient step on its own log loss.
      this.net.train(bit);
      if (this.apmStages > 0) this.apm1.update(bit);
      if (this.apmStages > 1) this.apm2.update(bit);
    }

    // Advance.
    this.c0 = (this.c0 << 1) | bit;
    this.nib = (this.nib << 1) | bit;
    this.bitPos++;
    if (this.bitPos === 8) {
      // A guess too weak to be coded still teaches the expected-byte model.
      if (this.weakGuess >= 0) this.expect.update(this.weakGuess === (this.c0 & 255) ? 1 : 0);
      this.endByte(this.c0 & 255);
      this.startByte();
    } else if (this.bitPos === 4) {
      this.selectBuckets();
    }
  }

  private endByte(c: number): void {
    this.c8 = (this.c8 << 8) | (this.c4 >>> 24);
    this.c4 = (this.c4 << 8) | c;
    this.wordHash = isWordByte(c) ? Math.imul(this.wordHash ^ c, 0x01000193) + 1 : 0;

    // Match model: extend the current match or look for a new one.
    const h = this.history;
    const mask = this.historyMask;
    h[this.pos & mask] = c;
    this.pos++;
    if (this.matchLen > 0) {
      this.matchLen++;
      this.matchPtr = (this.matchPtr + 1) & mask;
    }
    if (this.pos >= MATCH_MIN) {
      const key = (hash3(this.c4, this.c8 & 0xffff, 0x4d41) >>> 0) & this.matchMask;
      if (this.matchLen === 0) {
        const cand = this.matchTable[key];
        if (cand > 0) {
          let len = 0;
          while (
            len < MATCH_MAX_VERIFY &&
            len < this.pos - 1 &&
            h[(cand - 1 - len) & mask] === h[(this.pos - 1 - len) & mask]
          ) {
            len++;
          }
          if (len >= MATCH_MIN) {
            this.matchLen = len;
            this.matchPtr = cand & mask;
          }
        }
      }
      this.matchTable[key] = this.pos & 0x7fffffff;
    }
    if (this.matchLen > 0) this.matchByte = h[this.matchPtr] | 256;

    // Sentences and fields.
    if (this.curLen < MAX_SENTENCE) this.cur[this.curLen++] = c;
    if (c === 0x20 || c === 0x09) {
      if (this.fieldIdx < MAX_FIELDS - 1) {
        this.fieldIdx++;
        this.curFields[this.fieldIdx] = this.curLen;
        this.curFieldCount = this.fieldIdx + 1;
      }
      this.fieldPos = 0;
    } else {
      this.fieldPos++;
    }
    if (c === LINE_FEED || this.curLen === MAX_SENTENCE) this.endSentence();
  }

  /** The sentence just coded becomes the context for the next one. */
  private endSentence(): void {
    const line = this.prev;
    this.prev = this.cur;
    this.cur = line;
    this.prevLen = this.curLen;
    this.curLen = 0;
    const fields = this.prevFields;
    this.prevFields = this.curFields;
    this.curFields = fields;
    this.prevFieldCount = this.curFieldCount;
    this.curFieldCount = 1;
    this.curFields[0] = 0;
    this.fieldIdx = 0;
    this.fieldPos = 0;
  }

  /** Computes the per-byte context hashes, then the first nibble's buckets. */
  private startByte(): void {
    this.c0 = 1;
    this.nib = 1;
    this.bitPos = 0;
    const c4 = this.c4;
    const c1 = c4 & 0xff;
    const col = this.curLen;
    const prev = this.prev;
    const above = col < this.prevLen ? prev[col] + 1 : 0;
    const above2 = col + 1 < this.prevLen ? prev[col + 1] + 1 : 0;
    this.choice[Sel.Above] = above & 255;
    this.choice[Sel.PreviousByte] = c1;
    this.fieldNumberSet = Math.min(this.fieldIdx, 31) << 3;
    let fieldByte = 0;
    let fieldByte2 = 0;
    if (this.fieldIdx < this.prevFieldCount) {
      const start = this.prevFields[this.fieldIdx];
      const end = this.fieldIdx + 1 < this.prevFieldCount ? this.prevFields[this.fieldIdx + 1] : this.prevLen;
      const at = start + this.fieldPos;
      if (at < end) fieldByte = prev[at] + 1;
      if (at + 1 < end) fieldByte2 = prev[at + 1] + 1;
    }
    this.columnCtx = (above << 9) | above2;
    this.fieldCtx = (fieldByte << 9) | fieldByte2;
    this.excluded = 0;
    // The guess: the match model's next byte, else the previous line's byte in this field.
    const field = fieldByte - 1;
    const column = above - 1;
    let guess = -1;
    let agree = 0;
    if (this.matchLen > 0) {
      guess = this.matchByte & 255;
      agree = 4;
    } else if (field >= 0) {
      guess = field;
    }
    if (guess < 0 || this.guessThreshold < 0) {
      this.guess = -1;
      this.weakGuess = -1;
      this.selectBuckets();
      return;
    }
    if (field === guess) agree |= 1;
    if (column === guess) agree |= 2;
    const e = this.expectation;
    const len = this.matchLen;
    e.byte = guess;
    e.lengthBucket = len === 0 ? 0 : len < 16 ? 1 + (len >> 1) : len < 32 ? 9 + ((len - 16) >> 3) : len < 64 ? 11 : len < 128 ? 12 : len < 256 ? 13 : len < 512 ? 14 : 15;
    e.agree = agree;
    e.c4 = c4;
    e.c8 = this.c8;
    e.fieldIdx = this.fieldIdx;
    e.fieldPos = this.fieldPos;
    e.column = col;
    this.hitP = this.expect.predict(e);
    if (this.hitP >= this.guessThreshold) {
      this.guess = guess;
      this.weakGuess = -1;
    } else {
      this.guess = -1;
      this.weakGuess = guess;
      this.selectBuckets();
    }
  }

  /** The hashes of the bit contexts, computed only for a byte coded bit by bit. */
  private hashContexts(): void {
    const c4 = this.c4;
    const c1 = c4 & 0xff;
    for (let i = 0; i < this.n; i++) {
      let h = 0;
      switch (this.kinds[i]) {
        case Ctx.Order0: h = 0; break;
        case Ctx.Order1: h = c1; break;
        case Ctx.Order2: h = hash3(c4 & 0xffff, 2, 0); break;
        case Ctx.Order3: h = hash3(c4 & 0xffffff, 3, 0); break;
        case Ctx.Order4: h = hash3(c4, 4, 0); break;
        case Ctx.Order5: h = hash3(c4, this.c8 & 0xff, 5); break;
        case Ctx.Order6: h = hash3(c4, this.c8 & 0xffff, 6); break;
        case Ctx.Word: h = hash3(this.wordHash, c1, 9); break;
        case Ctx.Column: h = hash3(this.columnCtx, c1, 10); break;
        case Ctx.Field: h = hash3(this.fieldCtx, Math.min(this.fieldIdx, 15) << 8 | c1, 11); break;
        case Ctx.Sparse: h = hash3(c4 & 0xffff00, 12, 0); break;
        case Ctx.FieldPosition: h = hash3((Math.min(this.fieldIdx, 63) << 16) | (Math.min(this.fieldPos, 255) << 8) | c1, 13, 0); break;
      }
      this.ctxHash[i] = h;
    }
  }

  /** Finds each context's bucket for the nibble about to be coded. */
  private selectBuckets(): void {
    const t = this.table;
    const first = this.bitPos === 4 ? 1 + (this.c0 & 15) : 0; // which nibble bucket: 0, or 1 + the first nibble
    if (first === 0) {
      this.hashContexts();
      // Pass 1: hash every context to its block and touch the block's first
      // line. The loads do not depend on each other, so their cache misses
      // overlap instead of queueing.
      let touched = 0;
      for (let i = 0; i < this.n; i++) {
        const kind = this.kinds[i];
        if (kind === Ctx.Order0 || kind === Ctx.Order1) {
          this.probe[i] = -1;
        } else {
          const h = hash3(this.ctxHash[i], 0, i);
          // Block number in [0, blocks): a multiply-shift, exact in doubles (2^22 · 2^22).
          const block = Math.floor(((h >>> 10) * this.blocks) / 4194304);
          const b = (DIRECT_BUCKETS + block * BLOCK) * SLOTS;
          this.probeHash[i] = h;
          this.probe[i] = b;
          touched ^= t[b];
        }
      }
      this.touched = touched;
    }
    // Pass 2: find or claim each line, now in cache.
    for (let i = 0; i < this.n; i++) {
      const kind = this.kinds[i];
      if (kind === Ctx.Order0) {
        this.bucket[i] = (ORDER0_BASE + first) * SLOTS;
      } else if (kind === Ctx.Order1) {
        this.bucket[i] = (ORDER1_BASE + this.ctxHash[i] * 17 + first) * SLOTS;
      } else if (first === 0) {
        this.bucket[i] = this.claim(this.probe[i], this.probeHash[i]);
      } else {
        // The second nibble's line lies in the same block (the same page): no
        // new TLB miss; a line left by a replaced block is cleared on first use.
        const line = this.bucket[i] + first * SLOTS;
        const check = t[this.bucket[i]];
        if (t[line] !== check) {
          t[line] = check;
          for (let k = 1; k < SLOTS; k++) t[line + k] = 0;
        }
        this.bucket[i] = line;
      }
    }
  }

  /**
   * A hashed context's block for this byte: two candidate blocks (b0 and the
   * other of its pair); slot 0 of a block's first line holds a check value so
   * that another context hashing here is noticed; the less-used block is
   * replaced (its other lines are cleared lazily, see selectBuckets).
   */
  private claim(b0: number, h: number): number {
    const t = this.table;
    const check = (h & 0xffff) | 0x10000;
    if (t[b0] === check) return b0;
    const block = (b0 / SLOTS - DIRECT_BUCKETS) / BLOCK;
    const other = b0 + ((block & 1) === 0 ? BLOCK * SLOTS : -BLOCK * SLOTS); // the other block of its pair
    if (t[other] === check) return other;
    // Replace the line whose first node has seen fewer bits.
    const victim = (t[b0 + 1] & COUNT_MASK) <= (t[other + 1] & COUNT_MASK) ? b0 : other;
    t[victim] = check;
    for (let i = 1; i < SLOTS; i++) t[victim + i] = 0;
    return victim;
  }
}

