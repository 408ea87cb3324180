/**
 * The guess's parts alone: the weak-guess input (src/model/weak-guess.ts)
 * and the expected-byte model's length buckets and agreement flags
 * (src/model/expect.ts). The choice of the guess itself is tested through
 * the predictor (model-parts.test.ts, "expected-byte selection").
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agree, lengthBucket } from '../../src/model/expect';
import { STRETCH } from '../../src/model/logistic';
import { WeakGuess } from '../../src/model/weak-guess';

describe('weak guess (weak-guess.ts)', () => {
  it('without a guess: input 0, nothing learns', () => {
    const w = new WeakGuess();
    assert.equal(w.byte, -1);
    assert.equal(w.input(1, 0, 40000), 0);
    w.learn(1);
    w.byte = 0x41;
    // Unseen counter: the input is −0 (the guess's first bit is 0), equal to 0.
    assert.ok(w.input(1, 0, 40000) === 0, 'its counters are still unseen');
  });

  it('gives + the logit for a guessed 1 bit, − for a 0 bit, learning whether the bit was the guess\'s', () => {
    // 'A' = 0x41 = 0100 0001. Counters by bit position × 32 + hitP >> 11: 40000 >> 11 = 19.
    const w = new WeakGuess();
    w.byte = 0x41;
    w.input(1, 0, 40000);
    w.learn(0); // the guess's bit 0 was right: 32768 + (32767 >> 6) = 33279
    assert.equal(w.input(1, 0, 40000), -STRETCH[33279], 'the guess says 0: the input is minus P(as guessed)');
    assert.ok(STRETCH[33279] > 0);
    w.learn(1); // now wrong: 33279 + ((1 − 33279) >> 6 = −520) = 32759
    assert.equal(w.input(1, 0, 40000), -STRETCH[32759]);
    // Bit 1 of 'A' is 1, at another counter: unseen.
    assert.equal(w.input(0b10, 1, 40000), STRETCH[32768]);
    w.learn(1); // right: 33279 at bit position 1
    assert.equal(w.input(0b10, 1, 40000), STRETCH[33279]);
    // Another trust bucket (2047 >> 11 = 0) has its own counters.
    assert.ok(w.input(1, 0, 2047) === 0);
  });

  it('stops once the byte leaves the guess', () => {
    const w = new WeakGuess();
    w.byte = 0x41;
    w.input(1, 0, 40000);
    w.learn(0);
    // The byte began with 1: 'A' begins with 0.
    assert.equal(w.input(0b11, 1, 40000), 0);
    w.learn(1);
    assert.equal(w.input(1, 0, 40000), -STRETCH[33279], 'and a bit off the guess teaches nothing');
  });
});

describe('guess features (expect.ts)', () => {
  it('length buckets: 0 no match; 1..8 by twos to 15; 9, 10 by eights to 31; then 11..15 by doublings', () => {
    const lens = [0, 1, 2, 3, 14, 15, 16, 23, 24, 31, 32, 63, 64, 127, 128, 255, 256, 511, 512, 100000];
    assert.deepEqual(lens.map(lengthBucket), [0, 1, 2, 2, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15]);
  });

  it('agreement flags fit in 3 bits', () => {
    assert.equal(Agree.Field | Agree.Column | Agree.Match, 7);
  });
});
