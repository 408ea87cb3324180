/**
 * Model 3's runs, as the predictor offers them: whether a run decision is
 * coded at this byte, its span and probability, the streak of right bytes
 * it needs, and the learning of a run too weak to be coded (watched as its
 * bytes come). The run model itself (counters, network, APM) is run.ts.
 */
import { MAX_SENTENCE } from '../format/sentence';
import { lengthBucket } from './expect';
import type { LineTracker } from './line-tracker';
import type { MatchModel } from './match-model';
import { RUN_MAX, RUN_MIN_LENGTH, RUN_MIN_STREAK, RunContext, RunModel, spanBucket, spanHashNext, streakBucket } from './run';

export class RunOffer {
  private readonly model = new RunModel();
  /** p16 a run needs to be coded as its own decision. */
  private readonly threshold: number;
  /** Bytes right in a row: guessed right, or in a run that was right. */
  private streak = 0;
  /** The bytes of the run decision to be coded now (0: none), and its p16. */
  span = 0;
  p = 0;
  /** A run offered but too weak to be coded: its bytes, learned as they come (watchLen 0: none). */
  private readonly watched = new Uint8Array(RUN_MAX);
  private watchLen = 0;
  private watchPos = 0;
  private readonly context: RunContext = { lengthBucket: 0, streakBucket: 0, spanBucket: 0, field: 0, fieldPos: 0, first: 0, spanHash: 0 };

  constructor(threshold: number) {
    this.threshold = threshold;
  }

  /**
   * Whether a run decision is coded at this byte. A run is offered when the
   * match has run RUN_MIN_LENGTH bytes, the last RUN_MIN_STREAK bytes were
   * right and no weaker run is being watched; it spans the match's next
   * bytes up to and including the next space, tab or line feed, at most
   * RUN_MAX, never past the sentence's end or the frame's (`left`), nor past
   * what the history holds; at least 2 bytes. Coded if P >= the threshold,
   * else watched (byteDone). Returns the span, or 0.
   */
  offer(match: MatchModel, line: LineTracker, left: number): number {
    if (match.len < RUN_MIN_LENGTH || this.streak < RUN_MIN_STREAK || this.watchLen > 0) return 0;
    let max = match.available();
    if (max > RUN_MAX) max = RUN_MAX;
    if (max > MAX_SENTENCE - line.column) max = MAX_SENTENCE - line.column;
    if (max > left) max = left;
    const watched = this.watched;
    let span = 0;
    let hash = 0;
    while (span < max) {
      const b = match.ahead(span);
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
    const p = this.model.predict(r);
    // Both outcomes store to the same fields and read them all first, so that
    // the first too-weak run, or the first coded one (after V8 has optimised
    // this), meets no load or store without type feedback.
    const weak = p < this.threshold;
    const watchLen = this.watchLen;
    const watchPos = this.watchPos;
    const lastP = this.p;
    const lastSpan = this.span;
    this.watchLen = weak ? span : watchLen;
    this.watchPos = weak ? 0 : watchPos;
    this.p = weak ? lastP : p;
    this.span = weak ? lastSpan : span;
    return weak ? 0 : span;
  }

  /** Learns whether the coded run was right; returns its span (0 after a miss, whose byte goes on). */
  learn(hit: number): number {
    this.model.update(hit);
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
    if (this.watchLen === 0) return;
    if (c !== this.watched[this.watchPos]) {
      this.model.update(0);
      this.watchLen = 0;
    } else if (++this.watchPos === this.watchLen) {
      this.model.update(1);
      this.watchLen = 0;
    }
  }
}
