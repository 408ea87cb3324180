/**
 * The text parts of model 3: the word tracker (word-tracker.ts), the count
 * maps (count-maps.ts), and level 6's text mode (Predictor.textMode).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CountMaps } from '../../src/model/count-maps';
import { counterNext } from '../../src/model/counter';
import { compressSync, decompressSync } from '../../src/index';
import { Predictor } from '../../src/model/predictor';
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

describe("level 6's text mode (Predictor.textMode)", () => {
  const prose = 'Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing to do. ';
  const logLine = (i: number) => `2026-11-30 05:${String(i % 60).padStart(2, '0')}:12 INFO [worker-3] request done id=${1000 + i} status=200\n`;
  let logs = '';
  for (let i = 0; i < 400; i++) logs += logLine(i);
  // Text, then logs (the mode goes to log-like), then text again (back to text).
  const mixed = Buffer.from(prose.repeat(3) + 'The Queen said: ' + logs + 'What a curious feeling! said Alice. '.repeat(40), 'latin1');

  it('switches its text contexts off on log-like data and on again on text, and round-trips', () => {
    const modes: boolean[] = [];
    const actives = new Set<number>();
    const proto = Predictor.prototype as unknown as Record<string, (this: Record<string, unknown>) => void>;
    const select = proto.selectFirstNibble;
    proto.selectFirstNibble = function (this: Record<string, unknown>) {
      select.call(this);
      modes.push(this.textMode === 1); // MODE_TEXT (predictor.ts)
      actives.add((this.net as { active: number }).active);
    };
    let packed: Buffer;
    // The JavaScript predictor's own state is watched: not the kernel's (NNZIP_KERNEL, src/coder/frame-codec.ts).
    const kernel = process.env.NNZIP_KERNEL;
    process.env.NNZIP_KERNEL = '0';
    try {
      packed = compressSync(mixed, { level: 6, threads: 1 });
    } finally {
      proto.selectFirstNibble = select;
      if (kernel === undefined) delete process.env.NNZIP_KERNEL;
      else process.env.NNZIP_KERNEL = kernel;
    }
    assert.equal(modes[0], true, 'a stream starts as text');
    const firstLog = modes.indexOf(false);
    assert.ok(firstLog > 0, 'log lines switch the text contexts off');
    assert.ok(modes.indexOf(true, firstLog) > firstLog, 'text after the logs switches them on again');
    assert.equal(actives.size, 2, 'the network leaves the text inputs out while log-like');
    assert.deepEqual(decompressSync(packed, { threads: 1 }), mixed);
  });

  it('the other levels (no text mode) round-trip the same mixed data', () => {
    for (const level of [1, 5, 7, 9]) {
      const packed = compressSync(mixed, { level, threads: 1 });
      assert.deepEqual(decompressSync(packed, { threads: 1 }), mixed);
    }
  });
});
