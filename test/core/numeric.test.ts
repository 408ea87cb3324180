/**
 * The numeric fields of level 9 (src/model/numeric.ts): its two contexts
 * see a number against the previous line's number in the same slot, so
 * equal relations hash equal wherever they occur, and a level-9 stream full
 * of changing numbers round-trips.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync, decompressSync } from '../../src/index';
import { NumericInput, NumericTracker } from '../../src/model/numeric';
import { FieldCopy } from '../../src/model/field-copy';

function after(text: string): NumericTracker {
  const t = new NumericTracker();
  for (const c of Buffer.from(text, 'latin1')) t.push(c);
  return t;
}
const last = (text: string) => text.charCodeAt(text.length - 1);
const diff = (text: string) => after(text).diffHash(last(text));
const delta = (text: string) => after(text).deltaHash(last(text));

describe('numeric fields (level 9)', () => {
  it('NumericDiff: the same carry state against the previous line hashes the same', () => {
    // "2" after "19" and "3" after "29": one above the value's first digit, its next digit 9, one digit left.
    assert.equal(diff('t 19 x\nt 2'), diff('t 29 x\nt 3'));
    // Equal so far is another state than one above.
    assert.notEqual(diff('t 19 x\nt 1'), diff('t 29 x\nt 3'));
    // Another field slot is another context.
    assert.notEqual(diff('t 19 x\nt 2'), diff('t u 19 x\nt u 2'));
    // Without a number in the previous line's slot: still a hash, by slot and digits so far.
    assert.notEqual(diff('t x\nt 2'), diff('t 19 x\nt 2'));
  });

  it('NumericDelta: the previous value plus its last change, digit by digit', () => {
    // 25, 26 -> 27 expected: "2" agrees and 7 is next in both.
    assert.equal(delta('y 25\ny 26\ny 2'), delta('z 15\nz 16\nz 1'));
    // "3" does not agree with 27.
    assert.notEqual(delta('y 25\ny 26\ny 2'), delta('y 25\ny 26\ny 3'));
    // Leading zeros are kept: 08, 09 -> 10; 07, 08 -> 09.
    assert.equal(delta('a 08\na 09\na 1'), delta('b 18\nb 19\nb 2'));
    assert.notEqual(delta('a 07\na 08\na 0'), delta('a 07\na 08\na 1'));
  });

  it('expectedDigit: the digit NumericDelta foretells, a guess of level 6', () => {
    const digit = (text: string) => after(text).expectedDigit();
    // 25, 26 -> 27: the first digit before the number, then 7 after "2".
    assert.equal(digit('y 25\ny 26\ny '), 0x32);
    assert.equal(digit('y 25\ny 26\ny 2'), 0x37);
    // Leading zeros kept: 08, 09 -> 10.
    assert.equal(digit('a 08\na 09\na 1'), 0x30);
    // No guess once the digits disagree, at the target's end, or without a known change.
    assert.equal(digit('y 25\ny 26\ny 3'), -1);
    assert.equal(digit('y 25\ny 26\ny 27'), -1);
    assert.equal(digit('y 26\ny 2'), -1);
  });

  it('deltaGroup: the NumericDelta state as a small number, the same where the hash is the same', () => {
    const group = (text: string) => after(text).deltaGroup();
    assert.equal(group('y 25\ny 26\ny 2'), group('z 15\nz 16\nz 1'));
    assert.notEqual(group('y 25\ny 26\ny 2'), group('y 25\ny 26\ny 3'));
    // Before a number without a foretold digit: -1 (the input goes by the last byte then).
    assert.equal(group('y x\ny '), -1);
    for (const text of ['y 25\ny 26\ny 2', 'y 25\ny 26\ny 3', 'y 25\ny 26\ny 27', 'y 9\ny 2', 'a 99\na 1']) {
      const g = group(text);
      assert.ok(g >= 0 && g < 168, text);
    }
  });

  it('NumericInput learns the digits NumericDelta foretells', () => {
    const text = 'y 25\ny 26\ny 2';
    const t = after(text);
    const input = new NumericInput();
    // The byte "7", twice, bit by bit: after the first time its bits are more likely.
    const logits: number[] = [];
    for (let round = 0; round < 2; round++) {
      input.select(t, 0, 0x32);
      let ci = 1;
      for (let k = 0; k < 8; k++) {
        if (k === 4) {
          input.selectSecond(0x3);
          ci = 1;
        }
        const bit = (0x37 >> (7 - k)) & 1;
        const x = input.input(ci);
        if (k === 0) logits.push(x);
        input.learn(bit);
        ci = (ci << 1) | bit;
      }
    }
    // The first bit of "7" (0x37) is 0: its logit falls.
    assert.equal(logits[0], 0);
    assert.ok(logits[1] < 0);
  });

  it('runs of more than 15 digits (ids) and very long runs are compared as digits only', () => {
    const id = '12345678901234567890123';
    assert.equal(typeof diff(`blk_${id}\nblk_${id.slice(0, 18)}`), 'number');
    assert.equal(typeof delta(`blk_${id}\nblk_${id}\nblk_1`), 'number');
  });

  it('levels 6 and 9 round-trip logs of changing numbers, ids and wide fields', () => {
    const lines: string[] = [];
    let t = 1118354070;
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 1500; i++) {
      t += rnd() % 5;
      lines.push(`- ${t} 2005.06.${String(9 + (i >> 9)).padStart(2, '0')} pid=${3000 + i} blk_${rnd()}${rnd()}${rnd()} ${' '.repeat(rnd() % 3)}v=${(rnd() % 1000) / 10} x${'9'.repeat(i % 40)}`);
    }
    const text = Buffer.from(lines.join('\n') + '\n');
    // Level 6 too: its numeric guesses and NumericInput.
    for (const level of [6, 9]) {
      const packed = compressSync(text, { level });
      assert.ok(decompressSync(packed).equals(text));
      assert.ok(packed.length < text.length / 4);
    }
  });
});

describe('fields copied within a line (level 9)', () => {
  const hashAfter = (text: string) => {
    const t = new FieldCopy();
    for (const c of Buffer.from(text, 'latin1')) t.push(c);
    return t.hash();
  };

  it('follows an earlier field of this line when the previous line repeated it there', () => {
    // The previous line's field 2 equalled its field 0: field 2 here is expected to be "node7", so "n" agrees and "o" is next.
    const a = hashAfter('node3 x node3\nnode7 y n');
    assert.equal(a, hashAfter('nabc3 q nabc3\nnode9 z n'), 'the same byte expected, the same agreement: one context');
    assert.notEqual(a, hashAfter('node3 x node3\nnode7 y m'), 'a byte that disagrees');
    assert.notEqual(a, hashAfter('node3 x node4\nnode7 y n'), 'no copy in the previous line');
    assert.equal(hashAfter('ab x ab\nab y a'), hashAfter('zz\nq'), 'fields shorter than 3 bytes are not followed');
  });
});
