/**
 * Level 9's parts of session 9 (issue 13): the neuron gated by the field's
 * shape (log-contexts.ts shapeSet) and the first layer's falling learning
 * rate (presets.ts learningSchedule, Network.setLearningRate).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FIELD_SHAPE_BITS, LogContexts } from '../../src/model/log-contexts';
import { Network } from '../../src/model/network';
import { Ctx, presetFor } from '../../src/model/presets';
import { compressSync, decompressSync } from '../../src/index';
import { LEARNING } from '../../src/model/settings';

function shapeAfter(text: string): number {
  const log = new LogContexts([Ctx.FieldAbove, Ctx.FieldShape]);
  for (const c of Buffer.from(text, 'latin1')) log.push(c);
  return log.shapeSet();
}

describe('level 9: the field-shape weight set (log-contexts.ts shapeSet)', () => {
  it('depends on the field number and the shape so far (digit, letter, other byte), not on which digits or letters', () => {
    assert.equal(shapeAfter('x 12:34'), shapeAfter('y 98:07'));
    assert.equal(shapeAfter('a\nb id=Ab3'), shapeAfter('c xy=Qz9'));
    assert.notEqual(shapeAfter('x 12:34'), shapeAfter('x 12.34'));
    assert.notEqual(shapeAfter('x 12:34'), shapeAfter('x y 12:34'));
    for (const t of ['', 'a', 'GET /x', '10.0.0.1 - - [', 'x\ty\tz 1']) {
      const s = shapeAfter(t);
      assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** FIELD_SHAPE_BITS, `${JSON.stringify(t)} -> ${s}`);
    }
  });
});

function hashAfter(kind: Ctx, text: string): number {
  const log = new LogContexts([kind]);
  const bytes = Buffer.from(text, 'latin1');
  for (const c of bytes) log.push(c);
  const hashes = new Int32Array(1);
  log.hash(hashes, bytes.length > 0 ? bytes[bytes.length - 1] : 0);
  return hashes[0];
}

describe('level 9: the line-template contexts (log-contexts.ts)', () => {
  it('the line shape counts a run of digits as one, keeps letters and restarts at each line', () => {
    assert.equal(hashAfter(Ctx.LineShape, 'id 12:345 x'), hashAfter(Ctx.LineShape, 'id 7:0 x'));
    assert.equal(hashAfter(Ctx.LineShape, 'old line\nid 12 x'), hashAfter(Ctx.LineShape, 'id 3 x'));
    assert.notEqual(hashAfter(Ctx.LineShape, 'id 12 x'), hashAfter(Ctx.LineShape, 'ip 12 x'));
    assert.notEqual(hashAfter(Ctx.LineShape, 'id 12 x'), hashAfter(Ctx.LineShape, 'id 1.2 x'));
  });

  it('the line skeleton counts a run of letters or of digits as one', () => {
    assert.equal(hashAfter(Ctx.LineSkeleton, 'user admin 12 '), hashAfter(Ctx.LineSkeleton, 'pid x 7 '));
    assert.notEqual(hashAfter(Ctx.LineSkeleton, 'user admin 12 '), hashAfter(Ctx.LineSkeleton, 'user admin x '));
  });

  it('the field template is the field last seen after the same line shape, past lines of other kinds', () => {
    const after = (text: string) => hashAfter(Ctx.FieldTemplate, text);
    // "a" lines are interleaved with "b" lines: the last "a" line foretells the third field, not the line above.
    assert.equal(after('a 1 GET\nb 2 PUT\na 3 '), after('a 9 GET\na 3 '));
    assert.notEqual(after('a 1 GET\nb 2 PUT\na 3 '), after('a 1 PUT\na 3 '));
    assert.notEqual(after('a 1 GET\nb 2 PUT\na 3 '), after('a 3 '));
  });

  it('binary data (over 1/16 control characters lately) keeps the log contexts out, log lines bring them back', () => {
    const lc = new LogContexts(presetFor(9).contexts);
    const feed = (bytes: Iterable<number>) => {
      for (const c of bytes) lc.push(c);
    };
    feed(Buffer.from('2026-11-30 12:00:01 host app[42]: started\n'.repeat(20)));
    assert.equal(lc.binary(), false);
    // A spreadsheet's records: zero runs and small integers, which guesses and runs take, but no log.
    for (let k = 0; k < 200; k++) feed([0, 0, 0, 1, k & 255, 0x41, 0x42, 0x43]);
    assert.equal(lc.binary(), true);
    feed(Buffer.from('2026-11-30 12:00:02 host app[42]: tab\there, CRLF\r\n'.repeat(20)));
    assert.equal(lc.binary(), false);
  });

  it('a level-9 stream that goes from log lines to binary records and back decodes', () => {
    const parts: Buffer[] = [];
    for (let k = 0; k < 300; k++) parts.push(Buffer.from(`2026-11-30 12:${String(k % 60).padStart(2, '0')}:01 host app[${k}]: request ${k * 7} ok\n`));
    for (let k = 0; k < 3000; k++) parts.push(Buffer.from([0, 0, 0, 1, k & 255, k >> 8, 0, 0]));
    for (let k = 0; k < 300; k++) parts.push(Buffer.from(`2026-11-30 13:${String(k % 60).padStart(2, '0')}:01 host app[${k}]: request ${k * 3} ok\n`));
    const input = Buffer.concat(parts);
    const packed = compressSync(input, { level: 9 });
    assert.ok(decompressSync(packed).equals(input));
  });
});

describe('level 9: the learning schedule', () => {
  it('level 9 has one, falling; the other levels keep the fixed rate', () => {
    const s = presetFor(9).learningSchedule;
    assert.ok(s !== null && s.start > s.end && s.end > 0 && s.k > 0);
    for (let level = 1; level <= 8; level++) assert.equal(presetFor(level).learningSchedule, null);
  });

  it('setLearningRate(r) trains as a network built with rate r', () => {
    const shape = { inputs: 5, sets: [4, 2, 3], outputSets: 2, ...LEARNING };
    const built = new Network({ ...shape, learningRate: 0.013 });
    const reset = new Network({ ...shape, learningRate: 0.03 });
    reset.setLearningRate(0.013);
    const sets = new Int32Array(3);
    let seed = 7;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let step = 0; step < 200; step++) {
      for (let i = 0; i < 4; i++) built.x[i] = reset.x[i] = (next() % 2001) - 1000;
      built.x[4] = reset.x[4] = 256;
      sets[0] = next() % 4;
      sets[1] = next() % 2;
      sets[2] = next() % 3;
      const out = next() % 2;
      assert.equal(reset.forward(sets, out), built.forward(sets, out));
      const bit = next() & 1;
      built.train(bit);
      reset.train(bit);
    }
    assert.deepEqual(reset.w, built.w);
    assert.deepEqual(reset.v, built.v);
  });
});
