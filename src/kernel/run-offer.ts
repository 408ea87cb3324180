// src/model/run-offer.ts: model 3's runs as the predictor offers them (the
// span, its p16, the streak, the watching of runs too weak to be coded), with
// a second run model for a token's prefix up to its last number. No
// tables() (spare-tables.ts): the kernel makes one per stream.
import { lengthBucket } from './expect';
import { LineTracker, MAX_SENTENCE } from './line-tracker';
import { MatchModel } from './match-model';
import { RUN_MAX, RUN_MIN_LENGTH, RUN_MIN_STREAK, RunContext, RunModel, spanBucket, spanHashNext, streakBucket } from './run';
import { Table } from './table';

// @ts-ignore: decorator
@inline function isDigit(b: i32): bool {
  return b >= 0x30 && b <= 0x39;
}

/** A run too weak to be coded, learned by its model from the bytes as they come. */
@final export class Watch {
  /** The run's length (0: none) and the next byte's position in it. */
  len: i32 = 0;
  pos: i32 = 0;
  private readonly model: RunModel;

  constructor(model: RunModel) {
    this.model = model;
  }

  /** Byte c came; `bytes`: the run's. Learns wrong at the first byte that differs, right after the last. */
  // @ts-ignore: decorator
  @inline step(c: i32, bytes: Table<u8>): void {
    if (this.len == 0) return;
    if (c != <i32>bytes[this.pos]) {
      this.model.update(0);
      this.len = 0;
    } else if (++this.pos == this.len) {
      this.model.update(1);
      this.len = 0;
    }
  }
}

@final export class RunOffer {
  readonly model: RunModel;
  /** The run model of prefixes (up to a token's last number). */
  readonly prefixModel: RunModel;
  /** The coded run is a prefix (prefixModel learns its outcome). */
  codedPrefix: bool = false;
  /** p16 a run needs to be coded as its own decision. */
  private readonly threshold: i32;
  /** Bytes right in a row: guessed right, or in a run that was right. */
  streak: i32 = 0;
  /** The bytes of the run decision to be coded now (0: none), and its p16. */
  span: i32 = 0;
  p: i32 = 0;
  /** A run offered: its bytes (watched[0 .. span)). */
  readonly watched: Table<u8> = new Table<u8>(RUN_MAX);
  readonly watch: Watch;
  readonly prefixWatch: Watch;
  private readonly context: RunContext = new RunContext();

  constructor(threshold: i32) {
    this.threshold = threshold;
    const model = new RunModel();
    const prefixModel = new RunModel();
    this.model = model;
    this.prefixModel = prefixModel;
    this.watch = new Watch(model);
    this.prefixWatch = new Watch(prefixModel);
  }

  /** Whether a run decision is coded at this byte (run-offer.ts offer): the span, or 0. */
  offer(match: MatchModel, line: LineTracker, left: i32): i32 {
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
      if (span >= 2 && isDigit(b) && !isDigit(<i32>watched[span - 1])) {
        cutAt = span;
        cutHash = hash;
      }
      watched[span++] = <u8>b;
      hash = spanHashNext(hash, b);
      if (b == 0x20 || b == 0x09 || b == 0x0a) break;
    }
    if (span < 2) return 0;
    const r = this.context;
    r.lengthBucket = lengthBucket(match.len);
    r.streakBucket = streakBucket(this.streak);
    r.spanBucket = spanBucket(span);
    r.field = min(line.field, 63);
    r.fieldPos = min(line.fieldPos, 3);
    r.first = <i32>watched[0];
    r.spanHash = hash;
    r.agree = line.fieldAgreement(watched.ptr, span);
    const p = this.model.predict(r);
    if (p < this.threshold && cutAt > 0) return this.offerPrefix(line, span, cutAt, cutHash);
    if (p < this.threshold) {
      this.watch.len = span;
      this.watch.pos = 0;
      return 0;
    }
    this.p = p;
    this.span = span;
    return span;
  }

  /** The token (span bytes) is too weak: its prefix (cutAt bytes, their hash cutHash) is coded if trusted; the token is watched, and the prefix if not coded. */
  private offerPrefix(line: LineTracker, span: i32, cutAt: i32, cutHash: i32): i32 {
    const r = this.context;
    r.spanBucket = spanBucket(cutAt);
    r.spanHash = cutHash;
    r.agree = line.fieldAgreement(this.watched.ptr, cutAt);
    const p = this.prefixModel.predict(r);
    this.watch.len = span;
    this.watch.pos = 0;
    const weak = p < this.threshold;
    this.prefixWatch.len = weak ? cutAt : 0;
    this.prefixWatch.pos = 0;
    this.codedPrefix = !weak;
    if (weak) return 0;
    this.p = p;
    this.span = cutAt;
    return cutAt;
  }

  /** Learns whether the coded run was right; returns its span (0 after a miss, whose byte goes on). */
  learn(hit: i32): i32 {
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
  guessed(hit: i32): void {
    this.streak = hit ? this.streak + 1 : 0;
  }

  /** Every byte, as it is taken in: a watched run learns from it. */
  byteDone(c: i32): void {
    this.prefixWatch.step(c, this.watched);
    this.watch.step(c, this.watched);
  }
}
