/** format/bytes.ts, which the decode path uses instead of Buffer's methods: the same values and errors as Buffer's. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesEqual, concatBytes, readU32BE, readU64BE } from '../../src/format/bytes';
import { Rng } from '../core/helpers';

test('readU32BE and readU64BE read what readUInt32BE and Number(readBigUInt64BE) read, rounding included', () => {
  const rng = new Rng(64);
  const b = Buffer.alloc(12);
  for (let i = 0; i < 20000; i++) {
    for (let k = 0; k < b.length; k++) b[k] = rng.int(256);
    // Values past 2^53 whose low bits make a rounding tie, now and then.
    if (i % 4 === 0) b.writeUInt32BE(rng.int(2) === 0 ? 0x00000400 : 0x00000c00, 6);
    const at = rng.int(5);
    assert.equal(readU32BE(b, at), b.readUInt32BE(at));
    assert.equal(readU64BE(b, at), Number(b.readBigUInt64BE(at)));
  }
});

test('reads past the end are RangeErrors, as Buffer\'s are', () => {
  const b = new Uint8Array(8);
  assert.throws(() => readU32BE(b, 5), RangeError);
  assert.throws(() => readU64BE(b, 1), RangeError);
  assert.throws(() => readU32BE(b, -1), RangeError);
});

test('concatBytes and bytesEqual', () => {
  const parts = [Uint8Array.of(1, 2), Uint8Array.of(), Uint8Array.of(3)];
  assert.ok(Buffer.isBuffer(concatBytes(parts)));
  assert.ok(bytesEqual(concatBytes(parts), Uint8Array.of(1, 2, 3)));
  assert.ok(bytesEqual(concatBytes(parts, 2), Uint8Array.of(1, 2)));
  assert.ok(!bytesEqual(Uint8Array.of(1), Uint8Array.of(1, 2)));
});
