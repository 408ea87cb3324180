/**
 * The numeric fields of level 9 (src/model/numeric.ts): its two contexts
 * see a number against the previous line's number in the same slot, so
 * equal relations hash equal wherever they occur, and a level-9 stream full
 * of changing numbers round-trips.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync, decompressSync } from '../../src/index';
import { NumericTracker } from '../../src/model/numeric';
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

  it('runs of more than 15 digits (ids) and very long runs are compared as digits only', () => {
    const id = '12345678901234567890123';
    assert.equal(typeof diff(`blk_${id}\nblk_${id.slice(0, 18)}`), 'number');
    assert.equal(typeof delta(`blk_${id}\nblk_${id}\nblk_1`), 'number');
  });

  it('level 9 round-trips logs of changing numbers, ids and wide fields', () => {
    const lines: string[] = [];
    let t = 1118354070;
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 1500; i++) {
      t += rnd() % 5;
      lines.push(`- ${t} 2005.06.${String(9 + (i >> 9)).padStart(2, '0')} pid=${3000 + i} blk_${rnd()}${rnd()}${rnd()} ${' '.repeat(rnd() % 3)}v=${(rnd() % 1000) / 10} x${'9'.repeat(i % 40)}`);
    }
    const text = Buffer.from(lines.join('\n') + '\n');
    const packed = compressSync(text, { level: 9 });
    assert.ok(decompressSync(packed).equals(text));
    assert.ok(packed.length < text.length / 4);
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
