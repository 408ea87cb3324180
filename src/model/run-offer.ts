/**
 * Model 3's runs, as the predictor offers them: whether a run decision is
 * coded at this byte, its span and probability, the streak of right bytes
 * it needs, and the learning of a run too weak to be coded (watched as its
 * bytes come). The run model itself (counters, network, APM) is run.ts.
 *
 * A token the run model does not trust whole (a PID, a time, a URL that
 * changes at its end) often repeats up to its last number: then its prefix,
 * up to that number, is offered as a run of its own, with a second run model
 * (prefixes fail and succeed unlike whole tokens). Measured on the level 6
 * logs: guess decisions 2.99M -> 2.50M, runs 556k -> 607k, size -0.0 %.
 */
import { MAX_SENTENCE } from '../format/sentence';
import { lengthBucket } from './expect';
import type { LineTracker } from './line-tracker';
import type { MatchModel } from './match-model';
import type { Table } from './spare-tables';
import { RUN_MAX, RUN_MIN_LENGTH, RUN_MIN_STREAK, RunContext, RunModel, spanBucket, spanHashNext, streakBucket } from './run';

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** A run too weak to be coded, learned by its model from the bytes as they come. */
class Watch {
  /** The run's length (0: none) and the next byte's position in it. */
  len = 0;
  pos = 0;
  constructor(private readonly model: RunModel) {}

  /** Byte c came; `bytes`: the run's. Learns wrong at the first byte that differs, right after the last. */
  step(c: number, bytes: Uint8Array): void {
    if (this.len === 0) return;
    if (c !== bytes[this.pos]) {
      this.model.update(0);
      this.len = 0;
    } else if (++this.pos === this.len) {
      this.model.update(1);
      this.len = 0;
    }
  }
}

export class RunOffer {
  private readonly model = new RunModel();
  /** The run model of prefixes (up to a token's last number), offered when the whole token is too weak. */
  private readonly prefixModel = new RunModel();
  /** The coded run is a prefix (prefixModel learns its outcome). */
  private codedPrefix = false;
  /** p16 a run needs to be coded as its own decision. */
  private readonly threshold: number;
  /** Bytes right in a row: guessed right, or in a run that was right. */
  private streak = 0;
  /** The bytes of the run decision to be coded now (0: none), and its p16. */
  span = 0;
  p = 0;
  /** A run offered but too weak to be coded: its bytes, learned as they come (watch.len 0: none). */
  private readonly watched = new Uint8Array(RUN_MAX);
  private readonly watch = new Watch(this.model);
  /** A prefix too weak to be coded, watched beside its token (watched[0 .. len)). */
  private readonly prefixWatch = new Watch(this.prefixModel);
  private readonly context: RunContext = { lengthBucket: 0, streakBucket: 0, spanBucket: 0, field: 0, fieldPos: 0, first: 0, spanHash: 0, agree: 0 };

  constructor(threshold: number) {
    this.threshold = threshold;
  }

  /** Its tables, for retireTables. */
  tables(): Table[] {
    return [...this.model.tables(), ...this.prefixModel.tables()];
  }

  /**
   * Whether a run decision is coded at this byte. A run is offered when the
   * match has run RUN_MIN_LENGTH bytes, the last RUN_MIN_STREAK bytes were
   * right and no weaker run is being watched; it spans the match's next
   * bytes up to and including the next space, tab or line feed, at most
   * RUN_MAX, never past the sentence's end or the frame's (`left`), nor past
   * what the history holds; at least 2 bytes. Coded if P >= the threshold,
   * else its prefix up to its last number (at least 2 bytes) if that is
   * trusted, and the token is watched (byteDone); else both are watched.
   * Returns the span, or 0.
   */
  offer(match: MatchModel, line: LineTracker, left: number): number {
    if (match.len < RUN_MIN_LENGTH || this.streak < RUN_MIN_STREAK || this.watch.len > 0) return 0;
    let max = match.available();
    if (max > RUN_MAX) max = RUN_MAX;
    if (max > MAX_SENTENCE - line.column) max = MAX_SENTENCE - line.column;
    if (max > left) max = left;
    const watched = this.watched;
    let span = 0;
    let hash = 0;
    // Where the last number after a non-digit starts (0: none), and the hash of the bytes before it.
    let cutAt = 0;
    let cutHash = 0;
    while (span < max) {
      const b = match.ahead(span);
      if (span >= 2 && isDigit(b) && !isDigit(watched[span - 1])) {
        cutAt = span;
        cutHash = hash;
      }
      watched[span++] = b;
      hash = spanHashNext(hash, b);
      if (b === 0x20 || b === 0x09 || b === 0x0a) break;
    }
    if (span < 2) return 0;
    const r = this.context;
    r.lengthBucket = lengthBucket(match.len);
    r.streakBucket = streakBucket(this.streak);
    r.spanBucket = spanBucket(span);
    r.field = Math.min(line.field, 63);
    r.fieldPos = Math.min(line.fieldPos, 3);
    r.first = watched[0];
    r.spanHash = hash;
    r.agree = line.fieldAgreement(watched, span);
    const p = this.model.predict(r);
    if (p < this.threshold && cutAt > 0) return this.offerPrefix(line, span, cutAt, cutHash);
    // Both outcomes store to the same fields and read them all first, so that
    // the first too-weak run, or the first coded one (after V8 has optimised
    // this), meets no load or store without type feedback.
    const weak = p < this.threshold;
    const watch = this.watch;
    const watchLen = watch.len;
    const watchPos = watch.pos;
    const lastP = this.p;
    const lastSpan = this.span;
    watch.len = weak ? span : watchLen;
    watch.pos = weak ? 0 : watchPos;
    this.p = weak ? lastP : p;
    this.span = weak ? lastSpan : span;
    return weak ? 0 : span;
  }

  /** The token (span bytes) is too weak: its prefix (cutAt bytes, their hash cutHash) is coded if trusted; the token is watched, and the prefix if not coded. */
  private offerPrefix(line: LineTracker, span: number, cutAt: number, cutHash: number): number {
    const r = this.context;
    r.spanBucket = spanBucket(cutAt);
    r.spanHash = cutHash;
    r.agree = line.fieldAgreement(this.watched, cutAt);
    const p = this.prefixModel.predict(r);
    this.watch.len = span;
    this.watch.pos = 0;
    const weak = p < this.threshold;
    this.prefixWatch.len = weak ? cutAt : 0;
    this.prefixWatch.pos = 0;
    this.codedPrefix = !weak;
    this.p = weak ? this.p : p;
    this.span = weak ? this.span : cutAt;
    return weak ? 0 : cutAt;
  }

  /** Learns whether the coded run was right; returns its span (0 after a miss, whose byte goes on). */
  learn(hit: number): number {
    // (A coded prefix's token goes on being watched: byteDone.)
    if (this.codedPrefix) this.prefixModel.update(hit);
    else this.model.update(hit);
    this.codedPrefix = false;
    const n = this.span;
    this.span = 0;
    this.streak = hit ? this.streak + n : 0;
    return hit ? n : 0;
  }

  /** A guess was right or wrong; a byte coded bit by bit (`hit` 0) ends the streak too. */
  guessed(hit: number): void {
    this.streak = hit ? this.streak + 1 : 0;
  }

  /** Every byte, as it is taken in: a watched run learns from it (wrong at the first that differs, right after the last). */
  byteDone(c: number): void {
    this.prefixWatch.step(c, this.watched);
    this.watch.step(c, this.watched);
  }
}
