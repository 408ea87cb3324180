/**
 * The text parts of model 3's level 9: the word tracker (word-tracker.ts),
 * the nibble-hashed context table (nibble-table.ts) and the count maps
 * (count-maps.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CountMaps } from '../../src/model/count-maps';
import { counterNext } from '../../src/model/counter';
import { NibbleTable } from '../../src/model/nibble-table';
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

const KINDS = [Ctx.Order0, Ctx.Order1, Ctx.Order3, Ctx.Order4];

function select(t: NibbleTable, hashes: number[]): void {
  t.hashes.set(hashes);
  t.selectFirst();
}

/** Learns `bit` at slot ci of every context's current line. */
function learn(t: NibbleTable, ci: number, bit: number): void {
  for (let i = 0; i < t.n; i++) t.slot[i] = t.line[i] + ci;
  t.update(bit);
}

describe('nibble-hashed context table (nibble-table.ts)', () => {
  it('a context finds its own counters again, per nibble and per first nibble', () => {
    const t = new NibbleTable(KINDS, 12, 127);
    select(t, [0, 0x41, 111, 222]);
    learn(t, 1, 1);
    const first = Array.from(t.line);
    t.selectSecond(5);
    learn(t, 1, 0);
    const second5 = Array.from(t.line);
    select(t, [0, 0x41, 111, 222]);
    assert.deepEqual(Array.from(t.line), first);
    for (let i = 0; i < t.n; i++) assert.notEqual(t.t[t.line[i] + 1], 0, 'learned counter kept');
    t.selectSecond(5);
    assert.deepEqual(Array.from(t.line), second5);
    t.selectSecond(6); // from the second nibble's line of 5: direct contexts step from the first line, so reselect
    select(t, [0, 0x41, 111, 222]);
    t.selectSecond(6);
    for (let i = 2; i < t.n; i++) {
      assert.notEqual(t.line[i], second5[i], 'another first nibble, another line');
      assert.equal(t.t[t.line[i] + 1], 0, 'a fresh line is unseen');
    }
  });

  it('direct contexts keep the context-table layout: order 1 by the last byte, second nibble in the same block', () => {
    const t = new NibbleTable(KINDS, 12, 127);
    select(t, [0, 3, 1, 2]);
    const o1 = t.line[1];
    t.selectSecond(2);
    assert.equal(t.line[0], 3 * 16);
    assert.equal(t.line[1], o1 + 3 * 16);
    assert.equal(o1, (17 + 3 * 17) * 16);
  });

  it('two contexts on one pair of lines: both kept; a third claims the less used line', () => {
    const t = new NibbleTable([Ctx.Order3], 10, 127);
    // Find three hashes whose first-nibble lines fall in the same pair.
    const pairOf = (h: number): number => {
      select(t, [h]);
      return t.line[0] >> 5;
    };
    const base = pairOf(1);
    const same: number[] = [1];
    for (let h = 2; same.length < 3; h++) if (pairOf(h) === base) same.push(h);
    const fresh = new NibbleTable([Ctx.Order3], 10, 127);
    const use = (h: number, times: number): number => {
      fresh.hashes[0] = h;
      fresh.selectFirst();
      for (let k = 0; k < times; k++) learn(fresh, 1, 1);
      return fresh.line[0];
    };
    const a = use(same[0], 3);
    const b = use(same[1], 1);
    assert.notEqual(a, b);
    assert.equal(use(same[0], 0), a, 'the first is still there');
    const c = use(same[2], 0);
    assert.equal(c, b, 'the less used line is claimed');
    assert.equal(use(same[0], 0), a);
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
