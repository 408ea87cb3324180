/**
 * The expected-byte model's written-out network (expect-network.ts) against
 * the general Network it stands for: the same outputs and the same weights
 * after every step, to the bit, over random weights, inputs, weight sets and
 * targets (with the real skip, so both the skipped and the taken steps run).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ExpectNetwork } from '../../src/model/expect-network';
import { Network, NetworkShape } from '../../src/model/network';
import { LEARNING } from '../../src/model/settings';
import { Rng } from './helpers';

describe('ExpectNetwork (expect-network.ts)', () => {
  it('computes and learns exactly as Network with 8 inputs, 3 neurons, 1 output set', () => {
    const shape: NetworkShape = { inputs: 8, sets: [16 * 8, 256, 16 * 16], outputSets: 1, ...LEARNING };
    const r = new Rng(11);
    const a = new Network(shape);
    const b = new ExpectNetwork(shape);
    // Large weights too, so some logits hit the clamp.
    for (const [wa, wb] of [...a.w.map((w, k) => [w, b.w[k]]), [a.v, b.v]]) {
      for (let i = 0; i < wa.length; i++) wa[i] = wb[i] = ((r.u32() / 2 ** 32) * 2 - 0.7) * (i % 7 === 0 ? 4 : 0.5);
    }
    const sets = new Int32Array(3);
    for (let step = 0; step < 20000; step++) {
      for (let i = 0; i < 7; i++) a.x[i] = b.x[i] = r.int(4095 * 2 + 1) - 4095;
      a.x[7] = b.x[7] = 256;
      sets[0] = r.int(128);
      sets[1] = r.int(256);
      sets[2] = r.int(256);
      assert.equal(b.forward(sets, 0), a.forward(sets, 0));
      assert.equal(b.p, a.p);
      const bit = r.int(2);
      a.train(bit);
      b.train(bit);
    }
    for (let k = 0; k < 3; k++) assert.deepEqual(b.w[k], a.w[k]);
    assert.deepEqual(b.v, a.v);
    assert.deepEqual(b.h, a.h);
  });

  it('refuses another shape', () => {
    assert.throws(() => new ExpectNetwork({ inputs: 9, sets: [1, 1, 1], outputSets: 1, ...LEARNING }));
    assert.throws(() => new ExpectNetwork({ inputs: 8, sets: [1, 1], outputSets: 1, ...LEARNING }));
    assert.throws(() => new ExpectNetwork({ inputs: 8, sets: [1, 1, 1], outputSets: 2, ...LEARNING }));
  });
});
