/**
 * Model 3's expected-byte model (ExpectModel with `fast`, expect.ts): of the
 * hits it was sure of (P >= 1 − 1/64) only every 16th teaches the counters,
 * the others teach the network, the APM and the outcome history; any other
 * outcome is learned as in model 2, which learns from every outcome.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ExpectModel, Expectation } from '../../src/model/expect';
import { compressSync } from '../../src/index';

const E: Expectation = { byte: 0x41, lengthBucket: 9, agree: 7, c4: 0x64636261, c8: 0x68676665, fieldIdx: 2, fieldPos: 4, column: 17 };

/** The model's learned state, apart from the outcome history. */
function state(m: ExpectModel): string {
  const o = m as unknown as { net: { w: Float64Array[]; v: Float64Array }; apm: { table: Int32Array } };
  return JSON.stringify([counters(m), o.net.w.map((w) => Array.from(w)), Array.from(o.net.v), Array.from(o.apm.table)]);
}

/** Its counters. */
function counters(m: ExpectModel): string {
  return JSON.stringify(Array.from((m as unknown as { table: Uint32Array }).table.filter((v) => v !== 0)));
}

/** A model trained on hits of E until it is sure of the next one; returns it and that P. */
function sureModel(fast: boolean): { m: ExpectModel; p: number } {
  const m = new ExpectModel(16, 127, fast);
  for (let i = 0; i < 2000; i++) {
    const p = m.predict(E);
    if (p >= 64512 && i > 300) return { m, p };
    m.update(1);
  }
  throw new Error('never sure');
}

describe('expected-byte model, model 3 (fast)', () => {
  it('of the sure hits only every 16th teaches the counters, the others only the network, the APM and the history; a miss is learned', () => {
    const { m } = sureModel(true);
    const history = () => (m as unknown as { history: number }).history;
    // The network's steps, counted (its weights may not move: a sure hit's error is mostly below the skip).
    const net = (m as unknown as { net: { train(bit: number): void } }).net;
    const train = net.train.bind(net);
    let trained = 0;
    net.train = (bit: number) => {
      trained++;
      train(bit);
    };
    const learned: boolean[] = [];
    for (let i = 0; i < 40; i++) {
      if (i > 0) assert.ok(m.predict(E) >= 64512, 'still sure');
      const before = counters(m);
      const h = history();
      m.update(1);
      learned.push(counters(m) !== before);
      assert.equal(history(), ((h << 1) | 1) | 0);
    }
    // sureHits counts every sure hit since the model was made: the learned ones are 16 apart.
    const at = learned.flatMap((l, i) => (l ? [i] : []));
    assert.ok(at.length >= 2 && at.length <= 3, `${at}`);
    assert.deepEqual(at.slice(1).map((a, i) => a - at[i]), at.length === 3 ? [16, 16] : [16]);
    assert.equal(trained, 40, 'the network takes every sure hit');
    m.predict(E);
    const before = state(m);
    m.update(0);
    assert.notEqual(state(m), before);
  });

  it('256 KiB of zeros (every byte a sure guess, no run: the match is 1 byte behind) stay as small as in model 2', () => {
    const zeros = Buffer.alloc(256 * 1024);
    const size = compressSync(zeros, { level: 1, frameSize: zeros.length, tableBits: 10 }).length;
    assert.ok(size < 60, `${size} bytes`);
  });

  it('model 2 (not fast) learns from a sure hit', () => {
    const { m } = sureModel(false);
    const before = state(m);
    m.update(1);
    assert.notEqual(state(m), before);
  });
});
