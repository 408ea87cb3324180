/**
 * The record model of level 9 (src/model/record.ts): it finds a record
 * length from repeats, looks above only while the records agree, and a
 * level-9 stream of fixed-length records round-trips.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync, decompressSync } from '../../src/index';
import { RecordModel } from '../../src/model/record';

/** Rows of `width` bytes: a few set bytes that drift slowly, the rest 0 (a bitmap). */
function bitmap(width: number, rows: number): Buffer {
  const b = Buffer.alloc(width * rows);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < 6; k++) b[r * width + ((k * 37 + (r >> 3)) % width)] = 0x80 >> (k & 7);
  }
  return b;
}

describe('record model', () => {
  it('finds the record length of a bitmap and looks one row above', () => {
    const m = new RecordModel();
    const data = bitmap(216, 40);
    for (const c of data) m.push(c);
    assert.equal(m.length, 216);
    assert.equal(m.active, true);
    // The contexts see the bytes above: a different row above, a different hash.
    const a = m.aboveHash();
    const m2 = new RecordModel();
    const other = Buffer.from(data);
    other[other.length - 216] ^= 0xff;
    for (const c of other) m2.push(c);
    assert.notEqual(m2.aboveHash(), a);
  });

  it('stays inactive on prose, with fixed contexts', () => {
    const m = new RecordModel();
    const text = Buffer.from('The quick brown fox jumps over the lazy dog, and then it ran away into the woods. '.repeat(3) + 'A different sentence follows here, with other words in it.');
    let h = 0;
    for (const c of text) {
      m.push(c);
      if (!m.active) h = m.aboveLeftHash(0);
    }
    assert.equal(m.active, false);
    assert.equal(m.aboveLeftHash(0), h);
  });

  it('round-trips fixed-length records at level 9 and compresses them well', () => {
    const data = bitmap(216, 300);
    const packed = compressSync(data, { level: 9 });
    assert.deepEqual(decompressSync(packed), data);
    assert.ok(packed.length < data.length / 20);
  });
});
