/**
 * The expected-byte model's written-out network (expect-network.ts) against
 * the general Network it stands for: the same outputs and the same weights
 * after every step, to the bit, over random weights, inputs, weight sets and
 * targets (with the real skip, so both the skipped and the taken steps run).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ExpectNetwork, ExpectNetwork2, RunNetwork } from '../../src/model/expect-network';
import { Network, NetworkShape } from '../../src/model/network';
import { LEARNING } from '../../src/model/settings';
import { Rng } from './helpers';

/** Runs a Network and its written-out twin side by side; every output and, at the end, every weight must be equal. */
function twins(shape: NetworkShape, b: Network, seed: number): void {
  const r = new Rng(seed);
  const a = new Network(shape);
  const n = shape.inputs;
  const hidden = shape.sets.length;
  // Large weights too, so some logits hit the clamp.
  for (const [wa, wb] of [...a.w.map((w, k) => [w, b.w[k]]), [a.v, b.v]]) {
    for (let i = 0; i < wa.length; i++) wa[i] = wb[i] = ((r.u32() / 2 ** 32) * 2 - 0.7) * (i % 7 === 0 ? 4 : 0.5);
  }
  const sets = new Int32Array(hidden);
  for (let step = 0; step < 20000; step++) {
    for (let i = 0; i < n - 1; i++) a.x[i] = b.x[i] = r.int(4095 * 2 + 1) - 4095;
    a.x[n - 1] = b.x[n - 1] = 256;
    for (let k = 0; k < hidden; k++) sets[k] = r.int(shape.sets[k]);
    assert.equal(b.forward(sets, 0), a.forward(sets, 0));
    assert.equal(b.p, a.p);
    const bit = r.int(2);
    a.train(bit);
    b.train(bit);
  }
  for (let k = 0; k < hidden; k++) assert.deepEqual(b.w[k], a.w[k]);
  assert.deepEqual(b.v, a.v);
  assert.deepEqual(b.h, a.h);
}

describe('the written-out networks (expect-network.ts)', () => {
  it('ExpectNetwork computes and learns exactly as Network with 8 inputs, 3 neurons, 1 output set', () => {
    const shape: NetworkShape = { inputs: 8, sets: [16 * 8, 256, 16 * 16], outputSets: 1, ...LEARNING };
    twins(shape, new ExpectNetwork(shape), 11);
  });

  it('ExpectNetwork2 computes and learns exactly as Network with 8 inputs, 2 neurons, 1 output set', () => {
    const shape: NetworkShape = { inputs: 8, sets: [16 * 8, 16 * 16], outputSets: 1, ...LEARNING };
    twins(shape, new ExpectNetwork2(shape), 13);
  });

  it('RunNetwork computes and learns exactly as Network with 5 inputs, 1 neuron, 1 output set', () => {
    const shape: NetworkShape = { inputs: 5, sets: [16 * 8], outputSets: 1, ...LEARNING };
    twins(shape, new RunNetwork(shape), 12);
  });

  it('refuse other shapes', () => {
    assert.throws(() => new RunNetwork({ inputs: 6, sets: [1], outputSets: 1, ...LEARNING }));
    assert.throws(() => new RunNetwork({ inputs: 5, sets: [1, 1], outputSets: 1, ...LEARNING }));
    assert.throws(() => new ExpectNetwork({ inputs: 9, sets: [1, 1, 1], outputSets: 1, ...LEARNING }));
    assert.throws(() => new ExpectNetwork({ inputs: 8, sets: [1, 1], outputSets: 1, ...LEARNING }));
    assert.throws(() => new ExpectNetwork({ inputs: 8, sets: [1, 1, 1], outputSets: 2, ...LEARNING }));
    assert.throws(() => new ExpectNetwork2({ inputs: 8, sets: [1, 1, 1], outputSets: 1, ...LEARNING }));
    assert.throws(() => new ExpectNetwork2({ inputs: 7, sets: [1, 1], outputSets: 1, ...LEARNING }));
  });
});
