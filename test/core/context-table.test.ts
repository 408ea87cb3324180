/**
 * The context table alone (src/model/context-table.ts): counters per context
 * and per nibble, blocks kept or claimed by use, and the second nibble's
 * counter layout that models 1 and 2 are defined with; and the context
 * hashes (src/model/contexts.ts) that feed it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ContextTable } from '../../src/model/context-table';
import { counterLogit } from '../../src/model/counter';
import { hashContexts, nextWordHash } from '../../src/model/contexts';
import { hash3 } from '../../src/model/hash';
import type { LineTracker } from '../../src/model/line-tracker';
import { WordTracker } from '../../src/model/word-tracker';
import { Ctx } from '../../src/model/presets';

const KINDS = [Ctx.Order0, Ctx.Order1, Ctx.Order3];

/** Starts a byte: writes the contexts' hashes (order 1: the last byte), selects their first-nibble lines. */
function select(t: ContextTable, hashes: number[]): void {
  t.hashes.set(hashes);
  t.selectFirst();
}

/** Each context's logit for the bit after c0, read as the predictor reads it (counter at line + c0); selects those counters for update(). */
function inputs(t: ContextTable, c0: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < t.n; i++) {
    t.slot[i] = t.line[i] + c0;
    out.push(counterLogit(t.t[t.slot[i]]));
  }
  return out;
}

describe('context table (context-table.ts)', () => {
  it('starts with every counter unseen: logit 0', () => {
    const t = new ContextTable(KINDS, 12, 127);
    select(t, [0, 0x41, 12345]);
    assert.deepEqual(inputs(t, 1), [0, 0, 0]);
  });

  it('each context learns its own counter for its own value', () => {
    const t = new ContextTable(KINDS, 12, 127);
    select(t, [0, 0x41, 12345]);
    inputs(t, 1);
    t.update(1);
    // One 1 from unseen: logit 412 (see the counter tests in model-parts.test.ts).
    select(t, [0, 0x41, 12345]);
    assert.deepEqual(inputs(t, 1), [412, 412, 412]);
    assert.deepEqual(inputs(t, 0b10), [0, 0, 0], 'the next bit position has its own counters');
    // Another last byte, another hash: order 0 is the same counter, the others are fresh.
    select(t, [0, 0x42, 54321]);
    assert.deepEqual(inputs(t, 1), [412, 0, 0]);
  });

  it('the second nibble has its own counters, by first nibble', () => {
    const t = new ContextTable(KINDS, 12, 127);
    select(t, [0, 7, 99]);
    t.selectSecond(5);
    inputs(t, 0x15); // bit 4 after first nibble 5: c0 = 1 0101
    t.update(0);
    select(t, [0, 7, 99]);
    assert.deepEqual(inputs(t, 0x15), [0, 0, 0], 'the first nibble\'s counters are elsewhere');
    t.selectSecond(5);
    assert.deepEqual(inputs(t, 0x15), [-412, -412, -412]);
  });

  it('frozen layout: a second-nibble counter is line + c0, so it can run into the next lines', () => {
    // First nibble 0, bit 5 (c0 = 10 0001 = 33): line 1, slot 33 = block + 49.
    // First nibble 1, bit 4 (c0 = 1 0001 = 17): line 2, slot 17 = block + 49: the same counter.
    // (Line 2's check, slot 32, was overwritten by first nibble 0's bit 4, so line 2
    // is cleared on its first use below; slot 49 is in line 3 and survives.)
    const t = new ContextTable(KINDS, 12, 127);
    select(t, [0, 7, 99]);
    t.selectSecond(0);
    inputs(t, 16);
    t.update(0);
    inputs(t, 33);
    t.update(1);
    select(t, [0, 7, 99]);
    t.selectSecond(1);
    assert.deepEqual(inputs(t, 17), [412, 412, 412]);
  });

  it('a block in use is kept: a newcomer claims the less used block of the pair', () => {
    // 2^10 lines hold 60 blocks (30 pairs); 500 other contexts, each seen once, come and go.
    const t = new ContextTable([Ctx.Order3], 10, 127);
    for (let i = 0; i < 200; i++) {
      select(t, [777]);
      inputs(t, 1);
      t.update(1);
    }
    select(t, [777]);
    const trained = inputs(t, 1)[0];
    assert.ok(trained > 1000, `${trained}`); // far from one bit's 412
    for (let k = 1; k <= 500; k++) {
      select(t, [k]);
      inputs(t, 1);
      t.update(1);
    }
    select(t, [777]);
    assert.equal(inputs(t, 1)[0], trained);
    select(t, [1]);
    assert.equal(inputs(t, 1)[0], 0, 'a context seen once was replaced');
  });

  describe('model 3: hashed lines (each nibble\'s line hashed on its own)', () => {
    // Model 3 reads a counter at line + ci, the nibble's bits so far behind a leading 1 (1..15): inputs(t, ci).
    it('each nibble of each context has its own line, kept by its check value', () => {
      const t = new ContextTable(KINDS, 12, 127, true);
      select(t, [0, 7, 99]);
      inputs(t, 1);
      t.update(1);
      t.selectSecond(5);
      inputs(t, 1); // bit 4 after first nibble 5
      t.update(0);
      select(t, [0, 7, 99]);
      assert.deepEqual(inputs(t, 1), [412, 412, 412]);
      t.selectSecond(5);
      assert.deepEqual(inputs(t, 1), [-412, -412, -412]);
      select(t, [0, 7, 99]);
      t.selectSecond(6);
      assert.deepEqual(inputs(t, 1), [0, 0, 0], 'another first nibble, other counters');
      select(t, [0, 8, 98]);
      assert.deepEqual(inputs(t, 1), [412, 0, 0], 'another context: only order 0 is shared');
      for (let i = 0; i < t.n; i++) assert.ok(t.line[i] % 16 === 0, 'a line starts at a multiple of 16 counters');
    });

    it('a line in use is kept: a newcomer claims the less used line of the pair', () => {
      // 2^10 lines (512 pairs); 3000 other contexts, each seen once, come and go.
      const t = new ContextTable([Ctx.Order3], 10, 127, true);
      for (let i = 0; i < 200; i++) {
        select(t, [777]);
        inputs(t, 1);
        t.update(1);
      }
      select(t, [777]);
      const trained = inputs(t, 1)[0];
      assert.ok(trained > 1000, `${trained}`);
      for (let k = 1; k <= 3000; k++) {
        select(t, [k]);
        inputs(t, 1);
        t.update(1);
      }
      select(t, [777]);
      assert.equal(inputs(t, 1)[0], trained);
    });
  });
});

describe('context hashes (contexts.ts)', () => {
  const line = (columnCtx: number, fieldCtx: number, field: number, fieldPos: number): LineTracker =>
    ({ columnCtx, fieldCtx, field, fieldPos }) as LineTracker;

  function hashes(kinds: Ctx[], c4: number, c8: number, word: number, l: LineTracker): number[] {
    const out = new Int32Array(kinds.length);
    hashContexts(Int32Array.from(kinds), out, c4, c8, word, l, new WordTracker());
    return [...out];
  }

  it('order 0 is 0 and order 1 the last byte (direct); the others are hashes of what they look at', () => {
    const l = line(5, 6, 2, 3);
    const c4 = 0x64636261;
    const c8 = 0x68676665;
    assert.deepEqual(hashes([Ctx.Order0, Ctx.Order1], c4, c8, 0, l), [0, 0x61]);
    assert.deepEqual(hashes([Ctx.Order2, Ctx.Order3, Ctx.Order4], c4, c8, 0, l), [
      hash3(0x6261, 2, 0),
      hash3(0x636261, 3, 0),
      hash3(c4, 4, 0),
    ]);
    assert.deepEqual(hashes([Ctx.Order5, Ctx.Order6, Ctx.Sparse], c4, c8, 0, l), [
      hash3(c4, 0x65, 5),
      hash3(c4, 0x6665, 6),
      hash3(0x636200, 12, 0),
    ]);
    assert.deepEqual(hashes([Ctx.Word, Ctx.Column, Ctx.Field, Ctx.FieldPosition], c4, c8, 99, l), [
      hash3(99, 0x61, 9),
      hash3(5, 0x61, 10),
      hash3(6, (2 << 8) | 0x61, 11),
      hash3((2 << 16) | (3 << 8) | 0x61, 13, 0),
    ]);
  });

  it('caps: the field context at field 15, the field-position context at field 63 and offset 255', () => {
    const at = (field: number, fieldPos: number): number[] => hashes([Ctx.Field, Ctx.FieldPosition], 0x41, 0, 0, line(0, 0, field, fieldPos));
    assert.equal(at(15, 0)[0], at(40, 0)[0]);
    assert.notEqual(at(14, 0)[0], at(15, 0)[0]);
    assert.equal(at(63, 255)[1], at(70, 1000)[1]);
    assert.notEqual(at(62, 255)[1], at(63, 255)[1]);
  });

  it('the word hash runs over letters, digits and bytes >= 0x80, and restarts after any other byte', () => {
    // imul(0 ^ 0x61, 0x01000193) + 1 = 97 · 16777619 + 1 = 1627429044 (below 2^31).
    assert.equal(nextWordHash(0, 0x61), 1627429044);
    let h = 0;
    for (const c of Buffer.from('Zz9\u00e9', 'latin1')) {
      h = nextWordHash(h, c);
      assert.notEqual(h, 0);
    }
    for (const c of Buffer.from(' -_.:/\n\t', 'latin1')) assert.equal(nextWordHash(h, c), 0);
  });
});
