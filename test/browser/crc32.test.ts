/** Our table-driven CRC-32 (for hosts without node:zlib, src/format/crc32.ts) against zlib.crc32. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { crc32, crc32Table } from '../../src/format/crc32';
import { Rng } from '../core/helpers';

test('crc32Table equals zlib.crc32 on random inputs, from 0 and from random starting values', () => {
  const rng = new Rng(0x5eed32);
  for (let round = 0; round < 300; round++) {
    const length = round < 20 ? round : rng.int(70000);
    const data = new Uint8Array(length);
    for (let i = 0; i < length; i++) data[i] = rng.int(256);
    const start = rng.int(2) === 0 ? 0 : rng.u32();
    assert.equal(crc32Table(data), zlib.crc32(data), `length ${length}`);
    assert.equal(crc32Table(data, start), zlib.crc32(data, start), `length ${length}, from ${start}`);
  }
});

test('crc32Table chains: the CRC of a whole is the CRC of its second part from the first part\'s', () => {
  const rng = new Rng(7);
  const data = new Uint8Array(100000);
  for (let i = 0; i < data.length; i++) data[i] = rng.int(256);
  for (let k = 0; k < 50; k++) {
    const cut = rng.int(data.length + 1);
    assert.equal(crc32Table(data.subarray(cut), crc32Table(data.subarray(0, cut))), zlib.crc32(data));
  }
});

test('known values, and Node uses zlib\'s own', () => {
  assert.equal(crc32Table(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.equal(crc32Table(new Uint8Array(0)), 0);
  assert.equal(crc32Table(new Uint8Array(0), 0xdeadbeef), 0xdeadbeef);
  assert.equal(crc32, zlib.crc32);
});
