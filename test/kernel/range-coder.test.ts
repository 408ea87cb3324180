// The range coder: the kernel's against range-coder.ts, over the same bits and probabilities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel, type KernelExports } from '../../src/coder/kernel';
import { RangeDecoder, RangeEncoder } from '../../src/coder/range-coder';
import { NnzipError } from '../../src/format/errors';

type Fn = (...args: number[]) => number;

const DECISIONS = 200000;

/** Bits and p1s: p1 random in [1, 65535], the bit mostly drawn by p1 (as a model's), sometimes against it. */
function decisions(seed: number): { bits: Uint8Array; p1s: Uint16Array } {
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const bits = new Uint8Array(DECISIONS);
  const p1s = new Uint16Array(DECISIONS);
  for (let i = 0; i < DECISIONS; i++) {
    const r = rand() >>> 8;
    // Skewed probabilities too: many near the ends, where the interval shrinks least or most.
    const p1 = r % 4 === 0 ? 1 + (rand() % 65535) : r % 4 === 1 ? 65535 - (rand() % 64) : r % 4 === 2 ? 1 + (rand() % 64) : 1 + ((rand() >>> 4) % 65535);
    p1s[i] = p1;
    bits[i] = rand() % 17 === 0 ? rand() & 1 : (rand() >>> 16) < p1 ? 1 : 0;
  }
  return { bits, p1s };
}

function kernelEncode(k: KernelExports, bits: Uint8Array, p1s: Uint16Array): Uint8Array {
  (k.hookRangeEncoderReset as Fn)();
  const encode = k.hookRangeEncode as Fn;
  for (let i = 0; i < bits.length; i++) encode(bits[i], p1s[i]);
  const n = (k.hookRangeEncoderFinish as Fn)();
  const ptr = (k.hookRangeEncoderBuffer as Fn)();
  return new Uint8Array(k.memory.buffer).slice(ptr, ptr + n);
}

/** The kernel decodes `payload`; returns the bits and the decision at which it found the overrun (-1: none). */
function kernelDecode(k: KernelExports, payload: Uint8Array, p1s: Uint16Array): { bits: Uint8Array; failedAt: number } {
  const ptr = (k.hookRangeDecoderPayload as Fn)(payload.length);
  new Uint8Array(k.memory.buffer).set(payload, ptr);
  (k.hookRangeDecoderReset as Fn)(payload.length);
  const decode = k.hookRangeDecode as Fn;
  const bits = new Uint8Array(p1s.length);
  for (let i = 0; i < p1s.length; i++) {
    const bit = decode(p1s[i]);
    if (bit < 0) return { bits: bits.subarray(0, i), failedAt: i };
    bits[i] = bit;
  }
  return { bits, failedAt: -1 };
}

function jsDecode(payload: Uint8Array, p1s: Uint16Array): { bits: Uint8Array; failedAt: number } {
  const d = new RangeDecoder();
  d.reset(payload);
  const bits = new Uint8Array(p1s.length);
  for (let i = 0; i < p1s.length; i++) {
    try {
      bits[i] = d.decode(p1s[i]);
    } catch (e) {
      if (!(e instanceof NnzipError)) throw e;
      return { bits: bits.subarray(0, i), failedAt: i };
    }
  }
  return { bits, failedAt: -1 };
}

test('kernel: the range coder codes and decodes as range-coder.ts', () => {
  const k = newKernel();
  // A small first buffer, so that it grows several times.
  (k.hookRangeEncoderNew as Fn)(256);
  const js = new RangeEncoder(256);
  for (const seed of [1, 2]) {
    const { bits, p1s } = decisions(seed);
    js.reset();
    for (let i = 0; i < bits.length; i++) js.encode(bits[i], p1s[i]);
    const expected = js.finish().slice();
    const got = kernelEncode(k, bits, p1s);
    assert.deepEqual(got, expected);
    const decoded = kernelDecode(k, got, p1s);
    assert.equal(decoded.failedAt, -1);
    assert.deepEqual(decoded.bits, bits);
    assert.ok((k.hookRangeDecoderOverrun as Fn)() <= 3);
  }
  // Short codes: finish() with each of its 1-4 byte endings, from every few decisions.
  for (let n = 0; n < 3000; n += 7) {
    const { bits, p1s } = decisions(1000 + n);
    const b = bits.subarray(0, n);
    const p = p1s.subarray(0, n);
    js.reset();
    for (let i = 0; i < n; i++) js.encode(b[i], p[i]);
    const expected = js.finish().slice();
    assert.deepEqual(kernelEncode(k, b, p), expected, `${n} decisions`);
    assert.deepEqual(kernelDecode(k, expected, p).bits, b);
  }
});

test('kernel: a truncated payload is found corrupt at the decision range-coder.ts throws', () => {
  const k = newKernel();
  (k.hookRangeEncoderNew as Fn)(1 << 16);
  const { bits, p1s } = decisions(3);
  const full = kernelEncode(k, bits, p1s);
  for (const cut of [1, 2, 3, 4, 5, 6, 9, 100, 5000, full.length - 1, full.length]) {
    const payload = full.subarray(0, full.length - cut);
    const expected = jsDecode(payload, p1s);
    const got = kernelDecode(k, payload, p1s);
    assert.equal(got.failedAt, expected.failedAt, `cut ${cut}`);
    assert.deepEqual(got.bits, expected.bits, `cut ${cut}`);
    if (cut >= 5) assert.notEqual(expected.failedAt, -1, `cut ${cut}`);
  }
});
