/**
 * The line tracker alone (src/model/line-tracker.ts): fields, the byte above
 * and the byte at the same offset of the same field, the two contexts built
 * from them, and the limits (64 fields, MAX_SENTENCE bytes).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SENTENCE } from '../../src/format/sentence';
import { LineTracker, MAX_FIELDS } from '../../src/model/line-tracker';

function push(t: LineTracker, text: string): LineTracker {
  for (const c of Buffer.from(text, 'latin1')) t.push(c);
  t.look();
  return t;
}

const ch = (s: string): number => s.charCodeAt(0);

describe('line tracker (line-tracker.ts)', () => {
  it('on the first line there is nothing above', () => {
    const t = push(new LineTracker(), 'a 12');
    assert.deepEqual([t.column, t.field, t.fieldPos], [4, 1, 2]);
    assert.deepEqual([t.above, t.fieldByte, t.columnCtx, t.fieldCtx], [0, 0, 0, 0]);
  });

  it('looks up the byte above and the byte at the same offset of the same field', () => {
    // Line 1 "a 12 x\n": fields "a " (0..1), "12 " (2..4), "x\n" (5..6).
    const t = push(new LineTracker(), 'a 12 x\nb ');
    // Column 2, field 1 offset 0: above '1', field byte '1'; the next ones '2' and '2'.
    assert.deepEqual([t.column, t.field, t.fieldPos], [2, 1, 0]);
    assert.equal(t.above, ch('1') + 1);
    assert.equal(t.fieldByte, ch('1') + 1);
    assert.equal(t.columnCtx, ((ch('1') + 1) << 9) | (ch('2') + 1));
    assert.equal(t.fieldCtx, ((ch('1') + 1) << 9) | (ch('2') + 1));
    push(t, '34');
    // Column 4, field 1 offset 2: above ' ' (col 4), field byte ' ' (line 1's separator ends its field 1), nothing after it in the field.
    assert.equal(t.above, ch(' ') + 1);
    assert.equal(t.fieldByte, ch(' ') + 1);
    assert.equal(t.fieldCtx, (ch(' ') + 1) << 9);
    assert.equal(t.columnCtx, ((ch(' ') + 1) << 9) | (ch('x') + 1));
    push(t, '5');
    // Offset 3 is past line 1's field 1; column 5 is 'x'.
    assert.equal(t.fieldByte, 0);
    assert.equal(t.fieldCtx, 0);
    assert.equal(t.above, ch('x') + 1);
    push(t, ' ');
    // Field 2 offset 0: line 1's 'x', though column 6 holds '\n'.
    assert.equal(t.fieldByte, ch('x') + 1);
    assert.equal(t.above, ch('\n') + 1);
    push(t, 'y\n');
    assert.deepEqual([t.column, t.field, t.fieldPos], [0, 0, 0], 'a line feed starts a new sentence');
    assert.equal(t.above, ch('b') + 1);
  });

  it('a tab separates fields as a space does', () => {
    const t = push(new LineTracker(), 'k\tvalue\nk\t');
    assert.equal(t.field, 1);
    assert.equal(t.fieldByte, ch('v') + 1);
  });

  it('after 63 separators the rest of the sentence is the last field', () => {
    assert.equal(MAX_FIELDS, 64);
    const t = push(new LineTracker(), ' '.repeat(70) + 'z');
    assert.equal(t.field, MAX_FIELDS - 1);
    assert.equal(t.fieldPos, 1);
    push(t, '\n' + ' '.repeat(70));
    // Field 63 of line 1 started after its 63rd space: offset 0 there is the 64th space.
    assert.equal(t.field, MAX_FIELDS - 1);
    assert.equal(t.fieldPos, 0);
    assert.equal(t.fieldByte, ch(' ') + 1);
  });

  it('a sentence ends after MAX_SENTENCE bytes without a line feed', () => {
    const t = new LineTracker();
    for (let i = 0; i < MAX_SENTENCE - 1; i++) t.push(0x61);
    t.look();
    assert.equal(t.column, MAX_SENTENCE - 1);
    assert.equal(t.above, 0);
    t.push(0x62);
    t.look();
    assert.equal(t.column, 0);
    assert.equal(t.above, 0x61 + 1);
  });

  it('takeRun takes bytes in as push() does, fields, line feeds and full sentences included', () => {
    const text = Buffer.from('ab cd\tef\n' + 'x'.repeat(MAX_SENTENCE + 70) + ' gh\nij kl\n', 'latin1');
    for (const n of [1, 2, 5, 13, 64]) {
      const one = new LineTracker();
      const bulk = new LineTracker();
      for (let i = 0; i < text.length; i += n) {
        const piece = text.subarray(i, Math.min(i + n, text.length));
        for (const c of piece) one.push(c);
        bulk.takeRun(piece, piece.length);
        one.look();
        bulk.look();
        assert.deepEqual(bulk, one, `pieces of ${n}, at ${i}`);
      }
    }
  });
});

