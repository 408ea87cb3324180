/**
 * The range coder alone: round trips under random, extreme and adversarial
 * probabilities, cost close to the information content, the flush (at most
 * 4 bytes, decodable with zero padding) and independent frames after reset().
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_OVERRUN, RangeDecoder, RangeEncoder } from '../../src/coder/range-coder';
import { Rng } from './helpers';

interface Code {
  bits: Uint8Array;
  probs: Uint16Array;
}

function encodeAll(e: RangeEncoder, c: Code): Uint8Array {
  for (let i = 0; i < c.bits.length; i++) e.encode(c.bits[i], c.probs[i]);
  return Uint8Array.from(e.finish()); // copy: finish() returns a view into the encoder's buffer
}

function decodeAll(payload: Uint8Array, probs: Uint16Array): { bits: Uint8Array; overrun: number } {
  const d = new RangeDecoder();
  d.reset(payload);
  const bits = new Uint8Array(probs.length);
  for (let i = 0; i < probs.length; i++) bits[i] = d.decode(probs[i]);
  return { bits, overrun: d.overrun };
}

/** Bits drawn from the probabilities themselves (so the code should approach their entropy). */
function honest(r: Rng, n: number, prob: () => number): Code {
  const bits = new Uint8Array(n);
  const probs = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    probs[i] = prob();
    bits[i] = r.float() * 65536 < probs[i] ? 1 : 0;
  }
  return { bits, probs };
}

function informationBits(c: Code): number {
  let s = 0;
  for (let i = 0; i < c.bits.length; i++) {
    const p1 = c.probs[i] / 65536;
    s -= Math.log2(c.bits[i] ? p1 : 1 - p1);
  }
  return s;
}

function roundTrip(c: Code): Uint8Array {
  const payload = encodeAll(new RangeEncoder(16), c);
  const { bits, overrun } = decodeAll(payload, c.probs);
  assert.deepEqual(bits, c.bits);
  // The decoder reads 4 bytes ahead and the flush writes k >= 1 of them: 4 − k <= 3 past the end.
  assert.ok(overrun <= 3, `decoder read ${overrun} bytes past the payload`);
  return payload;
}

describe('range coder', () => {
  it('round trips random probabilities, within 0.5% + 4 bytes of the information content', () => {
    const r = new Rng(1);
    for (const n of [1, 2, 7, 100, 5000, 200000]) {
      const c = honest(r, n, () => 1 + r.int(65535));
      const payload = roundTrip(c);
      const info = informationBits(c);
      assert.ok(payload.length * 8 <= info * 1.005 + 32, `${n} bits: ${payload.length} bytes for ${info.toFixed(0)} bits of information`);
    }
  });

  it('round trips skewed probabilities, as a good model gives', () => {
    const r = new Rng(2);
    const c = honest(r, 200000, () => (r.int(2) ? 65535 - r.int(300) : 1 + r.int(300)));
    const payload = roundTrip(c);
    const info = informationBits(c);
    assert.ok(payload.length * 8 <= info * 1.02 + 32, `${payload.length} bytes for ${info.toFixed(0)} bits`);
  });

  it('extreme p = 1 and p = 65535, predicted right and wrong', () => {
    const n = 20000;
    for (const p of [1, 65535]) {
      const likely = p === 65535 ? 1 : 0;
      for (const bit of [likely, 1 - likely]) {
        const c = { bits: new Uint8Array(n).fill(bit), probs: new Uint16Array(n).fill(p) };
        const payload = roundTrip(c);
        if (bit === likely) {
          // 2^-16 per bit at most: 20000 bits cost well under 1 byte plus the flush.
          assert.ok(payload.length <= 5, `p=${p}, bit=${bit}: ${payload.length} bytes`);
        } else {
          // Each surprise costs 16 bits; the carryless coder may lose a little more.
          assert.ok(payload.length >= 2 * n && payload.length <= 2.1 * n + 8, `p=${p}, bit=${bit}: ${payload.length} bytes`);
        }
      }
    }
  });

  it('adversarial: random bits under extreme and random probabilities', () => {
    const r = new Rng(3);
    const n = 100000;
    const bits = new Uint8Array(n);
    const probs = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      bits[i] = r.int(2);
      const k = r.int(4);
      probs[i] = k === 0 ? 1 : k === 1 ? 65535 : k === 2 ? 32768 : 1 + r.int(65535);
    }
    roundTrip({ bits, probs });
  });

  it('alternating bits, each slightly against the prediction', () => {
    const n = 50000;
    const bits = new Uint8Array(n);
    const probs = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      bits[i] = i & 1;
      probs[i] = i & 1 ? 32767 : 32769;
    }
    roundTrip({ bits, probs });
  });

  it('flush: an empty code is 1 byte, any code ends with at most 4', () => {
    const e = new RangeEncoder(4);
    assert.equal(e.finish().length, 1);
    // Encode, note the bytes already shifted out, then count what finish() adds.
    const r = new Rng(4);
    for (let trial = 0; trial < 200; trial++) {
      e.reset();
      const n = 1 + r.int(300);
      for (let i = 0; i < n; i++) e.encode(r.int(2), 1 + r.int(65535));
      const before = e.length;
      const after = e.finish().length;
      assert.ok(after - before >= 1 && after - before <= 4);
    }
  });

  it('reset() starts an independent code in the same encoder', () => {
    const r = new Rng(5);
    const e = new RangeEncoder(8);
    const codes = [1000, 1, 30000, 17].map((n) => honest(r, n, () => 1 + r.int(65535)));
    const payloads = codes.map((c) => {
      e.reset();
      return encodeAll(e, c);
    });
    codes.forEach((c, i) => {
      assert.deepEqual(decodeAll(payloads[i], c.probs).bits, c.bits);
      assert.deepEqual(payloads[i], encodeAll(new RangeEncoder(), c), 'reset encoder equals a fresh one');
    });
  });

  it('a decoder given a payload that is too short stops with CORRUPT once it would read 5 bytes past it', () => {
    const r = new Rng(6);
    const c = honest(r, 20000, () => 1 + r.int(65535));
    const payload = encodeAll(new RangeEncoder(), c);
    assert.throws(() => decodeAll(payload.subarray(0, payload.length - 10), c.probs), { code: 'ERR_NNZIP_CORRUPT' });
    // An empty payload: the 4 bytes read ahead are allowed, the 5th is not.
    const d = new RangeDecoder();
    d.reset(new Uint8Array(0));
    assert.equal(d.overrun, MAX_OVERRUN);
    assert.throws(() => {
      for (;;) d.decode(32768);
    }, { code: 'ERR_NNZIP_CORRUPT' });
  });

  it('one payload byte carries at most ~363,000 near-certain decisions (the overrun rule bounds expansion)', () => {
    // The decoder reads a byte each time the interval narrows by 2^8; a
    // decision at p = 65535/65536 narrows it by (1 - 2^-16), so about
    // ln(256) / -ln(1 - 2^-16) = 363,409 decisions per byte read.
    const d = new RangeDecoder();
    d.reset(new Uint8Array(0));
    let decisions = 0;
    assert.throws(() => {
      for (;;) {
        d.decode(65535);
        decisions++;
      }
    }, { code: 'ERR_NNZIP_CORRUPT' });
    assert.ok(decisions <= 363_500, `${decisions} decisions from an empty payload`);
  });
});
