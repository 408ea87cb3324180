/**
 * The match model alone (src/model/match-model.ts): finding a match, its
 * verification and length, its input and learning, and the counter ladder.
 * Driven as the predictor drives it: push every byte, stop() when the byte
 * differs from the match's (the predictor's miss or wrong bit does that).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { adapt16 } from '../../src/model/counter';
import { STRETCH } from '../../src/model/logistic';
import { MATCH_MAX_VERIFY, MATCH_MIN, MATCH_RECENT_BITS, MatchModel, matchLengthBucket } from '../../src/model/match-model';

/** Feeds bytes with the last-8-bytes state the predictor keeps. */
class Feeder {
  private c4 = 0;
  private c8 = 0;
  constructor(readonly m: MatchModel) {}
  push(text: string | number[]): this {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
    for (const c of bytes) {
      if (this.m.len > 0 && (this.m.byte & 255) !== c) this.m.stop();
      this.c8 = (this.c8 << 8) | (this.c4 >>> 24);
      this.c4 = (this.c4 << 8) | c;
      this.m.push(c, this.c4, this.c8);
    }
    return this;
  }
  /** The last 8 bytes' state, c4 and c8. */
  state(): [number, number] {
    return [this.c4, this.c8];
  }
  /** Moves the last-8-bytes state past bytes the model took in otherwise (takeRun). */
  skip(bytes: number[]): void {
    for (const c of bytes) {
      this.c8 = (this.c8 << 8) | (this.c4 >>> 24);
      this.c4 = (this.c4 << 8) | c;
    }
  }
}

describe('match model (match-model.ts)', () => {
  it('finds a match once 6 bytes of context repeat, and predicts the byte that followed', () => {
    assert.equal(MATCH_MIN, 6);
    const f = new Feeder(new MatchModel(16, 12)).push('abcdefXabcde');
    assert.equal(f.m.len, 0, '5 bytes of context are not enough');
    f.push('f');
    // Verified backwards: "abcdef" agrees (6); before it, nothing vs 'X'.
    assert.equal(f.m.len, 6);
    assert.equal(f.m.byte, 256 + 0x58, "'X' with a leading 1 bit");
    f.push('X');
    assert.equal(f.m.len, 7, 'a byte that agrees extends the match');
    assert.equal(f.m.byte, 256 + 0x61, "then it predicts 'a'");
  });

  it('a candidate whose bytes left the history is not a match', () => {
    // With an 8-byte history the first "abcdef" is overwritten before it repeats.
    const short = new Feeder(new MatchModel(3, 12)).push('abcdefX0123456789abcdef');
    assert.equal(short.m.len, 0);
    const long = new Feeder(new MatchModel(10, 12)).push('abcdefX0123456789abcdef');
    assert.equal(long.m.len, 6);
  });

  it('verifies at most 32 bytes back, so a new match starts at most 32 long', () => {
    assert.equal(MATCH_MAX_VERIFY, 32);
    const f = new Feeder(new MatchModel(10, 12)).push('q'.repeat(40));
    f.m.stop();
    f.push('q');
    assert.equal(f.m.len, 32);
  });

  it('gives the logit of its counter while the byte agrees, and learns from the bit', () => {
    const m = new Feeder(new MatchModel(16, 12)).push('abcdefXabcdef').m;
    // 'X' = 0x58 = 0101 1000: the first bit is 0; length 6 → counter 6 · 2 + 0 = 12, unseen (p16 32768, logit 0).
    assert.equal(m.input(1, 0), 0);
    assert.equal(m.slot, 12);
    m.learn(0);
    // 32768 + ((1 − 32768) >> 6 = −512) = 32256, then the byte goes on: bit 1 of 'X' is 1.
    assert.equal(m.len, 6, 'a right bit keeps the match');
    assert.equal(m.input(0b10, 1), STRETCH[32768]);
    assert.equal(m.slot, 13);
    m.learn(0);
    assert.equal(m.len, 0, 'a wrong bit ends the match');
    // Back at a fresh byte, the same counter (12) now holds 32256.
    const m2 = new Feeder(new MatchModel(16, 12)).push('abcdefXabcdef').m;
    m2.input(1, 0);
    m2.learn(0);
    m2.input(1, 0);
    assert.equal(m2.slot, 12);
    assert.equal(m2.input(1, 0), STRETCH[32256]);
  });

  it('predicts nothing once the byte left the predicted one', () => {
    const m = new Feeder(new MatchModel(16, 12)).push('abcdefXabcdef').m;
    // The byte so far is 1 (behind the leading 1), 'X' starts with 0.
    assert.equal(m.input(0b11, 1), 0);
    assert.equal(m.slot, -1);
    m.learn(1);
    assert.equal(m.len, 6, 'without a prediction, nothing learns and the match stays');
  });

  it('model 3: the recent index finds the latest occurrence; the big one only what was indexed while no match ran', () => {
    // "cdefgh" twice: the second time inside a match (from "abcdef"), so only the recent index takes that position.
    const text = 'xabcdefgh1 yabcdefgh2 zcdefgh';
    const withRecent = new Feeder(new MatchModel(16, 12, MATCH_RECENT_BITS)).push(text);
    assert.equal(withRecent.m.byte, 256 + 0x32, "the latest 'cdefgh' (then '2')");
    const without = new Feeder(new MatchModel(16, 12)).push(text);
    assert.equal(without.m.byte, 256 + 0x32, 'models 1-2: every position in the one table');
    // A recent index of 2 entries has lost it: the big table gives the first one.
    const tiny = new Feeder(new MatchModel(16, 14, 1)).push(text);
    assert.equal(tiny.m.len, 6);
    assert.equal(tiny.m.byte, 256 + 0x31, "the first 'cdefgh' (then '1')");
  });

  it('the counter ladder: each length up to 15, then steps of 4, capped at 63', () => {
    const at = [0, 1, 15, 16, 18, 19, 22, 23, 207, 208, 10000].map(matchLengthBucket);
    // 15 + min(48, (len − 15) >> 2): 16 → 15, 18 → 15, 19 → 16, 22 → 16, 23 → 17, 207 → 63.
    assert.deepEqual(at, [0, 1, 15, 15, 15, 16, 16, 17, 63, 63, 63]);
  });

  it('adapt16 moves a p16 1/64 of the way to the bit, with an arithmetic shift', () => {
    const t = new Int32Array([32768, 32768, 65535, 1]);
    adapt16(t, 0, 1); // 32768 + (32767 >> 6 = 511)
    adapt16(t, 1, 0); // 32768 + (−32767 >> 6 = −512)
    adapt16(t, 2, 1); // at the top: + 0
    adapt16(t, 3, 0); // at the bottom: + 0
    assert.deepEqual([...t], [33279, 32256, 65535, 1]);
  });

  it('takeRun(n) leaves the state n push() calls leave (a run that was right), ring wrap included', () => {
    // A small ring (2^8) so that matches and runs wrap around it; a repeating text with changes keeps matches starting and ending.
    const text: number[] = [];
    for (let i = 0; i < 3000; i++) text.push(i % 97 === 0 ? (i * 7) & 255 : 0x61 + ((i * 13) % 23));
    const one = new Feeder(new MatchModel(8, 10, MATCH_RECENT_BITS));
    const bulk = new Feeder(new MatchModel(8, 10, MATCH_RECENT_BITS));
    let runs = 0;
    for (let i = 0; i < text.length; ) {
      const m = bulk.m;
      // Take the match's next bytes at once while they are right (at most available()), as the predictor's runs do.
      let n = 0;
      if (m.len > 0) while (n < 64 && n < m.available() && i + n < text.length && m.ahead(n) === text[i + n]) n++;
      if (n >= 2) {
        const [c4, c8] = bulk.state();
        m.takeRun(n, c4, c8);
        bulk.skip(text.slice(i, i + n));
        one.push(text.slice(i, i + n));
        i += n;
        runs++;
      } else {
        bulk.push([text[i]]);
        one.push([text[i]]);
        i++;
      }
      assert.deepEqual(bulk.m, one.m, `at byte ${i}`);
    }
    assert.ok(runs > 20, `runs taken: ${runs}`);
  });
});

