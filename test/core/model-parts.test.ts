/**
 * The model's parts pinned by values worked out by hand from their
 * definitions (counter.ts, apm.ts, hash.ts, logistic.ts, expect.ts, and the
 * guess selection of predictor.ts). The golden vectors only say that some
 * output changed; these say which part and which formula. Every literal has
 * its arithmetic beside it; none is produced by the code under test.
 *
 * Notation: p22 is a counter's 22-bit probability, 2^21 = 2097152 is 1/2;
 * k(n) = floor(65536 / (n + 1.5)) is the counter's step after n visits in
 * 1/65536ths; σ(d) = 65536 / (1 + e^(−d/256)) is the unrounded squash.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { codeByte, KNOWN_BITS } from '../../src/coder/code-byte';
import { COUNTER_HALF, COUNT_MASK, counterLogit, counterNext } from '../../src/model/counter';
import { Apm } from '../../src/model/apm';
import { hash3 } from '../../src/model/hash';
import { LOGIT_LIMIT, P_ONE, SQUASH, STRETCH, TABLES_FILE, buildTables, deterministicExp, loadTables, squash, tablesFileBytes } from '../../src/model/logistic';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExpectModel, Expectation } from '../../src/model/expect';
import { Predictor } from '../../src/model/predictor';
import { LEGACY_MODEL_ID, MODEL2_ID, presetFor } from '../../src/model/presets';

/** The probability field of a packed counter (stored xor 1/2). */
const probOf = (v: number): number => (v >>> 10) ^ COUNTER_HALF;
/** The packed counter with probability p22 and count n. */
const packed = (p22: number, n: number): number => (((p22 ^ COUNTER_HALF) << 10) | n) >>> 0;

describe('counter (counter.ts)', () => {
  it('packs the probability xor 1/2 above a 10-bit count, so the all-zero word is "unseen, p = 1/2"', () => {
    assert.equal(COUNTER_HALF, 0x200000); // 2^21: one half of 2^22
    assert.equal(COUNT_MASK, 1023); // 10 bits
    assert.equal(probOf(0), 2097152);
    // One 1 from unseen: p22 = 2^21 + floor(2097151 · 43690 / 65536) = 2097152 + 1398079 = 3495231;
    // stored (3495231 xor 2^21) = 1398079, so the word is 1398079 · 1024 + count 1.
    const v = counterNext(0, 1, 127);
    assert.equal(v, 1431632897);
    assert.equal(v & COUNT_MASK, 1);
    assert.equal(probOf(v), 3495231);
    // One 0 from unseen: p22 = 2097152 − 2097152 · 43690 / 65536 = 699072 (exact);
    // stored 699072 xor 2^21 = 2796224 (bit 31 set after the shift): 2796224 · 1024 + 1.
    assert.equal(counterNext(0, 0, 127) >>> 0, 2863333377); // (signed: the bits a Uint32Array stores)
  });

  it('counter rate: the first update from unseen moves 43690/65536 (about 2/3) of the way', () => {
    // k(0) = floor(65536 / 1.5) = floor(43690.67) = 43690.
    assert.equal(probOf(counterNext(0, 1, 127)) - 2097152, 1398079); // floor(2097151 · 43690 / 65536) = 1398080 − 1
    assert.equal(2097152 - probOf(counterNext(0, 0, 127)), 1398080); // 2097152 · 43690 / 65536 = 32 · 43690
  });

  it('counter rate: a run of 1s from unseen, step by step', () => {
    // p22 after n ones is about 2^22 · (4n + 1) / (4n + 2): a frequency count with a prior.
    const v1 = counterNext(0, 1, 127);
    const v2 = counterNext(v1, 1, 127);
    const v3 = counterNext(v2, 1, 127);
    assert.equal(probOf(v1), 3495231); // 2097152 + floor(2097151 · 43690 / 65536)
    assert.equal(probOf(v2), 3774855); // k(1) = 26214: 3495231 + floor(699072 · 26214 / 65536 = 279624.53)
    assert.equal(probOf(v3), 3894693); // k(2) = 18724: 3774855 + floor(419448 · 18724 / 65536 = 119838.63)
    assert.deepEqual([v1, v2, v3].map((v) => v & COUNT_MASK), [1, 2, 3]);
  });

  it('counter rate: the k-th update steps by floor(65536 / (k + 1.5)) / 65536', () => {
    // From p = 1/2 with count 9: k(9) = floor(65536 / 10.5) = 6241, the step
    // is floor(2097151 · 6241 / 65536) = 32 · 6241 − 1 = 199711; word = 199711 · 1024 + 10.
    assert.equal(counterNext(9, 1, 127), 204504074);
    // Every count below the limit, from p = 1/2: a 1 adds 32·k(n) − 1 (2097151 = 2^21 − 1
    // and k(n) < 65536), a 0 takes away exactly 32·k(n); the count goes up by one.
    for (let n = 0; n < 127; n++) {
      const k = Math.floor(65536 / (n + 1.5));
      const up = counterNext(packed(2097152, n), 1, 127);
      const down = counterNext(packed(2097152, n), 0, 127);
      assert.equal(probOf(up) - 2097152, 32 * k - 1, `bit 1 at count ${n}`);
      assert.equal(2097152 - probOf(down), 32 * k, `bit 0 at count ${n}`);
      assert.equal(up & COUNT_MASK, n + 1);
      assert.equal(down & COUNT_MASK, n + 1);
    }
  });

  it('counter rate: at the limit the count stays and the rate is floored at 1/(limit + 1.5)', () => {
    // limit 127: k(127) = floor(65536 / 128.5) = 510; a 1 adds 32 · 510 − 1 = 16319.
    assert.equal(counterNext(127, 1, 127), 16710783); // 16319 · 1024 + 127
    // a 0 takes 32 · 510 = 16320: p22 = 2080832, stored xor 2^21 = 4177984 → 4177984 · 1024 + 127.
    assert.equal(counterNext(127, 0, 127) >>> 0, 4278255743);
    // Count 126 reaches the limit; the step is still k(126) = floor(65536 / 127.5) = 514: 32 · 514 − 1 = 16447.
    assert.equal(counterNext(126, 1, 127), 16841855); // 16447 · 1024 + 127
    // Another limit: 30, k(30) = floor(65536 / 31.5) = 2080, step 32 · 2080 − 1 = 66559.
    assert.equal(counterNext(30, 1, 30), 68156446); // 66559 · 1024 + 30
    // And it stays there.
    assert.equal(counterNext(counterNext(127, 1, 127), 1, 127) & COUNT_MASK, 127);
  });

  it('saturates at p22 = 2^22 − 1 − 128 for 1s and at exactly 0 for 0s', () => {
    // Toward 1 the step floor((2^22 − 1 − p) · 510 / 65536) is 0 once the distance is
    // below 65536 / 510 = 128.5, and from 129 it lands on 128: p22 = 4194303 − 128.
    // Toward 0 the truncation (| 0 of a positive number) rounds the step up: p reaches 0.
    let one = 0;
    let zero = 0;
    for (let i = 0; i < 3000; i++) {
      one = counterNext(one, 1, 127);
      zero = counterNext(zero, 0, 127);
    }
    assert.equal(probOf(one), 4194175);
    assert.equal(one, 2147351679); // (4194175 xor 2^21 = 2097023) · 1024 + 127
    assert.equal(probOf(zero), 0);
    assert.equal(zero >>> 0, 2147483775); // (0 xor 2^21) · 1024 + 127
    assert.equal(counterNext(one, 1, 127), one);
    assert.equal(counterNext(zero, 0, 127), zero);
  });

  it('counterLogit reads STRETCH at the middle of the probability\'s 4096th', () => {
    // Unseen: index (2^21 >> 10) · 16 + 8 = 32776; 256 · ln(32776 / 32760) = 0.125, nearest 0.
    assert.equal(counterLogit(0), 0);
    // After one 1: 3495231 >> 10 = 3413, index 54616: 256 · ln(54616 / 10920) = 412.09.
    assert.equal(counterLogit(counterNext(0, 1, 127)), 412);
    // After one 0: 699072 >> 10 = 682, index 10920 = 65536 − 54616: −412.
    assert.equal(counterLogit(counterNext(0, 0, 127)), -412);
    // Saturated: index 4095 · 16 + 8 = 65528, 256 · ln(65528 / 8) = 2306.76; index 8: −2306.76.
    assert.equal(counterLogit(2147351679), 2307);
    assert.equal(counterLogit(2147483775), -2307);
  });
});

describe('logistic tables (logistic.ts)', () => {
  it('squash at a few points: σ(d) rounded, truncated and clamped', () => {
    assert.equal(squash(0), 32768); // 65536 / 2
    assert.equal(squash(1), 32832); // σ(1) = 32831.9999
    assert.equal(squash(256), 47911); // 65536 / (1 + e^−1) = 47910.66
    assert.equal(squash(-256), 17625); // 17625.34
    assert.equal(squash(512), 57724); // 57723.92
    assert.equal(squash(1024), 64357); // 64357.26
    assert.equal(squash(-1024), 1179); // 1178.74
    assert.equal(squash(2048), 65514); // 65514.02
    assert.equal(squash(76), 37597); // 37596.59
    // Clamps: σ(4095) = 65535.993 and σ(−4095) = 0.0074 round out of range → 65535 and 1.
    assert.equal(squash(LOGIT_LIMIT), 65535);
    assert.equal(squash(-LOGIT_LIMIT), 1);
    assert.equal(squash(100000), 65535);
    assert.equal(squash(-100000), 1);
    // A fractional logit is truncated toward zero.
    assert.equal(squash(256.9), 47911);
    assert.equal(squash(-256.9), 17625);
  });

  it('SQUASH is exactly symmetric (squash(−d) = 65536 − squash(d)) and monotone', () => {
    assert.equal(SQUASH.length, 2 * 4095 + 1);
    for (let d = 0; d <= LOGIT_LIMIT; d++) {
      assert.equal(SQUASH[LOGIT_LIMIT - d] + SQUASH[LOGIT_LIMIT + d], P_ONE, `d = ${d}`);
    }
    for (let i = 1; i < SQUASH.length; i++) assert.ok(SQUASH[i] >= SQUASH[i - 1], `at ${i - LOGIT_LIMIT}`);
  });

  it('STRETCH at a few points: the logit whose unrounded σ is nearest', () => {
    assert.equal(STRETCH.length, 65536);
    assert.equal(STRETCH[32768], 0);
    assert.equal(STRETCH[47911], 256); // 256 · ln(47911 / 17625) = 256.0
    assert.equal(STRETCH[17625], -256);
    assert.equal(STRETCH[1], -2839); // 256 · ln(1 / 65535) = −2839.13
    assert.equal(STRETCH[65535], 2839);
    assert.equal(STRETCH[0], -LOGIT_LIMIT); // σ(−4095) = 0.0074 is already above 0
  });

  it('STRETCH is monotone, odd, and inverts squash where σ rises faster than 1 per logit unit', () => {
    for (let p = 1; p < P_ONE; p++) {
      assert.ok(STRETCH[p] >= STRETCH[p - 1], `at ${p}`);
      assert.equal(STRETCH[p] + STRETCH[P_ONE - p], 0, `at ${p}`);
    }
    // dσ/dd = 256 · σ(1 − σ) > 1 for |d| <= 1024 (at 4 nats: 256 · 0.982 · 0.018 = 4.5),
    // so the rounded σ(d) is nearer σ(d) than σ(d ± 1).
    for (let d = -1024; d <= 1024; d++) assert.equal(STRETCH[squash(d)], d, `d = ${d}`);
  });

  it('deterministicExp matches e^x closely and e^0 exactly', () => {
    assert.equal(deterministicExp(0), 1);
    for (const x of [1, -1, 0.5, 16, -16, 32, -32]) {
      const rel = Math.abs(deterministicExp(x) / Math.exp(x) - 1);
      assert.ok(rel < 1e-12, `x = ${x}: relative error ${rel}`);
    }
  });

  it("the tables a process starts with (the build's file, or the series) equal the series'", () => {
    const squash = new Int32Array(SQUASH.length);
    const stretch = new Int16Array(STRETCH.length);
    buildTables(squash, stretch);
    assert.deepEqual(SQUASH, squash);
    assert.deepEqual(STRETCH, stretch);
  });

  it("a missing, short or damaged tables file is not used", () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnzip-tables-'));
    try {
      const squash = new Int32Array(SQUASH.length);
      const stretch = new Int16Array(STRETCH.length);
      assert.equal(loadTables(squash, stretch, dir), false, 'missing');
      const good = tablesFileBytes(SQUASH, STRETCH);
      writeFileSync(join(dir, TABLES_FILE), good.subarray(0, good.length - 1));
      assert.equal(loadTables(squash, stretch, dir), false, 'short');
      const bad = Buffer.from(good);
      bad[1000] ^= 1;
      writeFileSync(join(dir, TABLES_FILE), bad);
      assert.equal(loadTables(squash, stretch, dir), false, 'damaged');
      assert.ok(squash.every((v) => v === 0) && stretch.every((v) => v === 0), 'a refused file leaves the tables untouched');
      writeFileSync(join(dir, TABLES_FILE), good);
      assert.equal(loadTables(squash, stretch, dir), true, 'good');
      assert.deepEqual(squash, SQUASH);
      assert.deepEqual(stretch, STRETCH);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the tables are built without Math.exp, Math.log or Math.pow', () => {
    const path = require.resolve('../../src/model/logistic');
    const saved = { exp: Math.exp, log: Math.log, pow: Math.pow };
    const cached = require.cache[path];
    const forbidden = (): number => {
      throw new Error('logistic.ts called a Math function whose result varies between engines');
    };
    try {
      Math.exp = forbidden;
      Math.log = forbidden;
      Math.pow = forbidden;
      delete require.cache[path];
      const fresh = require(path) as typeof import('../../src/model/logistic');
      // Built by the series here, not loaded from the build's file.
      const squash = new Int32Array(SQUASH.length);
      const stretch = new Int16Array(STRETCH.length);
      fresh.buildTables(squash, stretch);
      assert.deepEqual(squash, SQUASH);
      assert.deepEqual(stretch, STRETCH);
    } finally {
      Math.exp = saved.exp;
      Math.log = saved.log;
      Math.pow = saved.pow;
      if (cached) require.cache[path] = cached;
    }
  });
});

describe('APM (apm.ts)', () => {
  // Point j of a fresh map holds squash((j − 16) · 256) · 16: point 16 = 32768 · 16 = 524288,
  // point 17 = 47911 · 16 = 766576. refine(d): index d + 4096, point (d + 4096) >> 8, weight (d + 4096) & 255.

  it('starts as the identity on its points', () => {
    const a = new Apm(1, 7);
    assert.equal(a.refine(0, 0), 32768); // point 16, weight 0: 524288 · 256 >> 12
    assert.equal(a.refine(256, 0), 47911); // point 17
    assert.equal(a.refine(-256, 0), 17625); // point 15
    assert.equal(a.refine(1024, 0), 64357); // point 20
  });

  it('interpolates linearly in probability between the two nearest points', () => {
    const a = new Apm(1, 7);
    // Halfway: (524288 · 128 + 766576 · 128) >> 12 = floor(40339.5) = 40339 (squash(128) would be 40793).
    assert.equal(a.refine(128, 0), 40339);
    // (524288 · 129 + 766576 · 127) >> 12 = floor(40280.4) = 40280.
    assert.equal(a.refine(127, 0), 40280);
    // (524288 · 180 + 766576 · 76) >> 12 = floor(37263.3) = 37263.
    assert.equal(a.refine(76, 0), 37263);
  });

  it('trains only the nearer point, by (target − value) >> rateShift', () => {
    // Weight 128 counts as nearer to the upper point (17): 766576 + ((65535 · 16 − 766576) >> 7)
    // = 766576 + (281984 >> 7 = 2203) = 768779; on the point: 768779 · 256 >> 12 = floor(48048.7) = 48048.
    const a = new Apm(2, 7);
    a.refine(128, 0);
    a.update(1);
    assert.equal(a.refine(256, 0), 48048);
    assert.equal(a.refine(0, 0), 32768, 'point 16 must not move');
    // Weight 127 is nearer point 16: 524288 + ((0 − 524288) >> 7 = −4096) = 520192 → 32512.
    a.refine(127, 0);
    a.update(0);
    assert.equal(a.refine(0, 0), 32512);
    assert.equal(a.refine(256, 0), 48048, 'point 17 must not move');
    // Each context has its own points.
    assert.equal(a.refine(0, 1), 32768);
    assert.equal(a.refine(256, 1), 47911);
  });

  it('the rate shift sets the step: shift 4 moves 1/16 of the way', () => {
    // 524288 + ((1048560 − 524288) >> 4 = 32767) = 557055 → 557055 · 256 >> 12 = floor(34815.9) = 34815.
    const a = new Apm(1, 4);
    a.refine(0, 0);
    a.update(1);
    assert.equal(a.refine(0, 0), 34815);
  });

  it('stays within [1, 65535] at the ends of the logit range', () => {
    const a = new Apm(1, 7);
    // Points 0 and 1 hold squash(−4096 → −4095) · 16 = 16 and squash(−3840) · 16 = 16: (16 · 255 + 16) >> 12 = 1.
    assert.equal(a.refine(-LOGIT_LIMIT, 0), 1);
    // Points 31 and 32 hold 65535 · 16: 65535.
    assert.equal(a.refine(LOGIT_LIMIT, 0), 65535);
    // Train point 0 down to 0 ((0 − t) >> 7 = −1 for t in 1..128, 16 steps from 16): (0 · 255 + 16) >> 12 = 0 → 1.
    for (let i = 0; i < 20; i++) {
      a.refine(-LOGIT_LIMIT, 0);
      a.update(0);
    }
    assert.equal(a.refine(-LOGIT_LIMIT, 0), 1);
  });
});

describe('hash3 (hash.ts)', () => {
  it('literal values', () => {
    // hash3(0, 0, 0): imul(0, 0x9e3779b1) = 0; imul(0x7f4a7c15, 0x85ebca6b) = 0xca516ec7 (mod 2^32);
    // h = 0xca516ec7, h >>> 15 = 0x194a2; imul(0x2545f491, 0xc2b2ae35) = 0x32883005;
    // h ^ 0x194a2 ^ 0x32883005 = 0xf8d8ca60; imul(0xf8d8ca60, 0x27d4eb2f) = 0xe91347a0;
    // ^ (0xe91347a0 >>> 13 = 0x7489a) = 0xe9140f3a, as int32 −384561350.
    assert.equal(hash3(0, 0, 0), -384561350);
    // hash3(1, 0, 0): 0x9e3779b1 ^ 0xca516ec7 = 0x54661776; ^ 0xa8cc ^ 0x32883005 = 0x66ee8fbf;
    // · 0x27d4eb2f = 0x06ecb911; ^ 0x3765 = 0x06ec8e74 = 116166260.
    assert.equal(hash3(1, 0, 0), 116166260);
    // hash3(0, 1, 0): imul(0x7f4a7c16, 0x85ebca6b) = 0x503d3932; ^ 0xa07a ^ 0x32883005 = 0x62b5a94d;
    // · 0x27d4eb2f = 0xd087c423; ^ 0x6843e = 0xd081401d = −796835811.
    assert.equal(hash3(0, 1, 0), -796835811);
    // hash3(0, 0, 1): imul(0x2545f492, 0xc2b2ae35) = 0xf53ade3a; 0xca516ec7 ^ 0x194a2 ^ 0xf53ade3a = 0x3f6a245f;
    // · 0x27d4eb2f = 0xab8be271; ^ 0x55c5f = 0xab8ebe2e = −1416708562.
    assert.equal(hash3(0, 0, 1), -1416708562);
    // "abcd" as c4, 'A', 7: imul(0x64636261, 0x9e3779b1) = 0x630dde11, imul(0x7f4a7c56, 0x85ebca6b) = 0xcb2fd3f2,
    // h = 0xa8220de3; imul(0x2545f498, 0xc2b2ae35) = 0x856af378; t = 0x2d49aedf; · 0x27d4eb2f = 0xbdb9cff1 → 0xbdbc223f.
    assert.equal(hash3(0x64636261, 0x41, 7), -1111743937);
    assert.equal(hash3(-1, -1, -1), -1754293170); // 0x976f9c4e
    assert.equal(hash3(0x12345678, 0x9abcdef0, 0x0fedcba9), 2126022978); // 0x7eb88942
  });

  it('is a pure function of its arguments mod 2^32, returning an int32', () => {
    const args: [number, number, number][] = [
      [0, 0, 0],
      [1, 2, 3],
      [0xffffffff, 0x80000000, 0x7fffffff],
      [0x12345678, 0x9abcdef0, 0x0fedcba9],
    ];
    for (const [a, b, c] of args) {
      const h = hash3(a, b, c);
      assert.equal(h, h | 0, 'a signed 32-bit result');
      assert.equal(hash3(a, b, c), h, 'no hidden state');
      // Signed and unsigned spellings of the same 32 bits, and +2^32, hash alike.
      assert.equal(hash3(a | 0, b | 0, c | 0), h);
      assert.equal(hash3(a >>> 0, b >>> 0, c >>> 0), h);
      assert.equal(hash3(a + 2 ** 32, b + 2 ** 32, c + 2 ** 32), h);
      // Every argument counts.
      assert.notEqual(hash3(a ^ 1, b, c), h);
      assert.notEqual(hash3(a, b ^ 1, c), h);
      assert.notEqual(hash3(a, b, c ^ 1), h);
    }
  });
});

describe('expected-byte model (expect.ts)', () => {
  const E: Expectation = { byte: 0x41, lengthBucket: 3, agree: 5, c4: 0x64636261, c8: 0x68676665, fieldIdx: 2, fieldPos: 4, column: 17 };

  it('starts at P(hit) = 37346 for any expectation', () => {
    // All 7 counters unseen (logit 0), bias 256: each neuron ⌊0.3 · 256 = 76.8⌋ = 76, p = squash(76) = 37597;
    // output 3 · (1/3 · 76) = 76 → 37597; APM(76) = 37263 (see the APM tests); (37597 + 3 · 37263) >> 2 = 37346.
    const others: Expectation[] = [
      E,
      { byte: 0, lengthBucket: 0, agree: 0, c4: 0, c8: 0, fieldIdx: 0, fieldPos: 0, column: 0 },
      { byte: 255, lengthBucket: 15, agree: 7, c4: -1, c8: -1, fieldIdx: 63, fieldPos: 300, column: 65535 },
    ];
    for (const e of others) assert.equal(new ExpectModel(16, 127).predict(e), 37346);
    assert.equal(new ExpectModel(0, 127).predict(E), 37346);
  });

  it('after one hit: which of its 7 contexts the next expectation shares', () => {
    // The hit moves the 7 counters to logit 412 (counter tests); each neuron's bias weight in its chosen set
    // to 0.3 + 27939 · 0.02 / 65536 = 0.30853 (error 65536 − 37597 = 27939; counter inputs were 0);
    // the output's weights to 1/3 + g · 76 = 0.33397 and g · 256 = 0.00213 (g = 27939 · 0.005 / 2^24);
    // APM point 16 of context 3 · 8 + 5 to 524288 + ((1048560 − 524288) >> 7) = 528383 (not read below).
    // The outcome history is now 1, so the counter by the last 8 outcomes and the one by the last 2
    // outcomes and byte are unseen, and neuron 1 (chosen by the last 8 outcomes) has a fresh weight set.
    // With t trained counters: neurons 0, 2 ⌊0.3 · 412 · t + 0.30853 · 256⌋, neuron 1 ⌊0.3 · 412 · t + 76.8⌋.
    const after = (change: Partial<Expectation>): number => {
      const m = new ExpectModel(16, 127);
      m.predict(E);
      m.update(1);
      return m.predict({ ...E, ...change });
    };
    // t = 5 (length × agreement, last 2 bytes, last 5 bytes, field, column): 696, 694, 696;
    // output ⌊0.33397 · 2086 + 0.546⌋ = 697 → squash 61496; APM(697) between points 18, 19:
    // (squash(512) · 16 · 71 + squash(768) · 16 · 185) >> 12 = 61123; (61496 + 3 · 61123) >> 2 = 61216.
    assert.equal(after({}), 61216);
    // The high 3 bytes of c8 are in no context.
    assert.equal(after({ c8: 0x00000065 }), 61216);
    // t = 4 when one hashed context changes: neurons 573, 571, 573 → output 573 → 59221, APM 58844 → 58938.
    assert.equal(after({ c8: 0x68676666 }), 58938); // the last 5 bytes
    assert.equal(after({ c4: 0x64646261 }), 58938); // byte 3 of c4: only the last-5-bytes context
    assert.equal(after({ column: 18 }), 58938); // the column context
    // t = 1: the guessed byte is in every hashed context; only length × agreement is left:
    // neurons 202, 200, 202 → 202 → squash 45065, APM 44770 → (45065 + 3 · 44770) >> 2 = 44843.
    assert.equal(after({ byte: 0x42 }), 44843);
  });
});

/**
 * Feeds bytes through the coding routine (the learner's channel) and returns
 * expected() before each byte (−1: coded bit by bit at once).
 */
function guesses(m: Predictor, text: string): number[] {
  const seen: number[] = [];
  for (const c of Buffer.from(text, 'latin1')) {
    seen.push(m.expected());
    codeByte(m, KNOWN_BITS, c);
  }
  return seen;
}

const ch = (s: string): number => s.charCodeAt(0);

describe('expected-byte selection (predictor.ts), at level 1 (guess threshold 0: every guess is coded)', () => {
  it('has no guess on the first line, then guesses the previous line\'s byte at the same offset of the same field', () => {
    // Line 1 "a 12 x\n" has fields "a " (0..1), "12 " (2..4), "x\n" (5..6); a field keeps its trailing separator.
    const seen = guesses(new Predictor(presetFor(1, 10, MODEL2_ID)), 'a 12 x\nb 345 y\n');
    assert.deepEqual(seen.slice(0, 7), [-1, -1, -1, -1, -1, -1, -1]);
    assert.deepEqual(seen.slice(7), [
      ch('a'), // 'b': field 0, offset 0
      ch(' '), // ' ': field 0, offset 1
      ch('1'), // '3': field 1, offset 0
      ch('2'), // '4': field 1, offset 1
      ch(' '), // '5': field 1, offset 2 is line 1's separator
      -1, // ' ': field 1, offset 3 is past line 1's field 1
      ch('x'), // 'y': field 2, offset 0; the same column of line 1 holds '\n'
      ch('\n'), // '\n': field 2, offset 1
    ]);
  });

  it('a running match (6-byte context seen before) takes precedence over the field byte', () => {
    // Without an earlier "uvwxyz", byte 6 of line 2 is guessed from line 1: '6'.
    const plain = guesses(new Predictor(presetFor(1, 10, MODEL2_ID)), '0123456789\nuvwxyzP');
    assert.deepEqual(plain.slice(11), [..."012345"].map(ch).concat([ch('6')]));
    // With "uvwxyzP" earlier, the match guesses 'P'; a hit extends the match, whose next byte is '\n'.
    const hit = guesses(new Predictor(presetFor(1, 10, MODEL2_ID)), 'uvwxyzP\n0123456789\nuvwxyzPA');
    assert.deepEqual(hit.slice(19), [..."012345"].map(ch).concat([ch('P'), ch('\n')]));
    // A miss ends the match: the next guess is the field's '7' again.
    const miss = guesses(new Predictor(presetFor(1, 10, MODEL2_ID)), 'uvwxyzP\n0123456789\nuvwxyzQA');
    assert.deepEqual(miss.slice(19), [..."012345"].map(ch).concat([ch('P'), ch('7')]));
  });

  it('model 1 never guesses', () => {
    for (const level of [1, 6, 9]) {
      const m = new Predictor(presetFor(level, 10, LEGACY_MODEL_ID));
      const seen = guesses(m, 'a 12 x\nb 345 y\nuvwxyzP\n0123456789\nuvwxyzPA');
      assert.ok(seen.every((g) => g === -1), `level ${level}`);
    }
  });

  it('a guess below the level\'s threshold is not offered', () => {
    // The first guess ('a' for 'b') has the expected-byte model's initial P = 37346 (see above):
    // at least level 6's floor(0.5 · 65536) = 32768, below level 7's floor(0.6 · 65536) = 39321
    // and level 9's floor(0.95 · 65536) = 62259.
    const firstGuess = (level: number): { guess: number; p: number } => {
      const m = new Predictor(presetFor(level, 10, MODEL2_ID));
      guesses(m, 'a 12 x\n');
      return { guess: m.expected(), p: m.expected() >= 0 ? m.predictHit() : -1 };
    };
    assert.deepEqual(firstGuess(1), { guess: ch('a'), p: 37346 });
    assert.deepEqual(firstGuess(6), { guess: ch('a'), p: 37346 });
    assert.deepEqual(firstGuess(7), { guess: -1, p: -1 });
    assert.deepEqual(firstGuess(9), { guess: -1, p: -1 });
  });
});
