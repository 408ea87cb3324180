/**
 * The text parts of model 3's level 9: the word tracker (word-tracker.ts),
 * and the count maps (count-maps.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CountMaps } from '../../src/model/count-maps';
import { counterNext } from '../../src/model/counter';
import { Ctx } from '../../src/model/presets';
import { WordTracker } from '../../src/model/word-tracker';

function track(text: string): WordTracker {
  const w = new WordTracker();
  for (const c of Buffer.from(text, 'latin1')) w.push(c);
  return w;
}

describe('word tracker (word-tracker.ts)', () => {
  it('folds case: the same word hashes the same in capitals', () => {
    assert.equal(track('The').word, track('the').word);
    assert.equal(track('x THE').word, track('y the').word);
    assert.notEqual(track('the').word, track('then').word);
  });

  it('a separator ends the word and makes it the previous one', () => {
    const w = track('Alice was');
    assert.equal(w.prevWord, track('alice').word);
    assert.equal(w.word, track('was').word);
    const after = track('Alice was ');
    assert.equal(after.word, 0);
    assert.equal(after.prevWord, track('was').word);
    assert.equal(after.prevWord2, track('alice').word);
  });

  it("keeps an apostrophe inside a word; digits and punctuation end it", () => {
    assert.notEqual(track("don't").word, 0);
    assert.notEqual(track("don't").word, track('dont').word);
    assert.equal(track('cat1').word, 0);
    assert.equal(track('cat1').prevWord, track('cat').word);
    assert.equal(track("'").word, 0, 'an apostrophe starts no word');
  });

  it('bytes >= 0x80 (UTF-8) are word bytes', () => {
    assert.notEqual(track('caf\u00e9').word, track('caf').word);
    assert.equal(track('caf\u00e9 ').prevWord, track('caf\u00e9').word);
  });
});

describe('count maps (count-maps.ts)', () => {
  it('start as the identity and learn, per context and per count', () => {
    const m = new CountMaps(2, 6);
    let once = 0;
    once = counterNext(once, 1, 127); // a counter that has seen one 1
    const start = m.input(0, once);
    assert.ok(Math.abs(start - 412) <= 30, `about the counter's own logit (412; linear between points a nat apart): ${start}`);
    // In this data a context seen once with a 1 is right nine times in ten.
    for (let k = 0; k < 2000; k++) {
      m.input(0, once);
      m.input(1, once);
      m.learn(k % 10 === 0 ? 0 : 1, 1); // only context 0 learns
    }
    const learned = m.input(0, once);
    assert.ok(learned > 500 && learned < 620, `near stretch(0.9) = 562: ${learned}`);
    assert.equal(m.input(1, once), start, 'context 1 did not learn');
    let twice = counterNext(once, 1, 127);
    assert.ok(Math.abs(m.input(0, twice) - m.input(1, twice)) <= 1, 'another count bucket did not learn');
    twice = 0;
    assert.equal(m.input(0, twice), 0, 'an unseen counter stays at 0');
  });
});
