/**
 * The predictor's two ways of coding a byte (src/model/predictor.ts): a
 * guessed byte as one decision, the others bit by bit; a missed guess's last
 * bit known; model 1 never guessing; the bit network's input layout. Driven
 * directly, decision by decision, as src/coder/code-byte.ts drives it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Predictor } from '../../src/model/predictor';
import { LEGACY_MODEL_ID, MODEL2_ID, presetFor } from '../../src/model/presets';
import { compressSync, decompressSync } from '../../src/index';
import { BitChannel, codeByte, codeNext } from '../../src/coder/code-byte';

/** The known bits, each decision's probability checked to be codable. */
const CHECKED_BITS: BitChannel = {
  code(bit, p) {
    assert.ok(p >= 1 && p <= 65535, `p = ${p}`);
    return bit;
  },
};

/** Feeds bytes through the coding routine; returns how many were guessed, and how many of those hit. */
function feed(m: Predictor, bytes: Uint8Array): { guessed: number; hits: number } {
  let guessed = 0;
  let hits = 0;
  for (const c of bytes) {
    const guess = m.expected();
    if (guess >= 0) {
      guessed++;
      if (c === guess) hits++;
    }
    codeByte(m, CHECKED_BITS, c);
  }
  return { guessed, hits };
}

const LINE = Buffer.from('2026-11-25 10:00:00 INFO worker-7 request served status=a\n', 'latin1');

describe('the predictor', () => {
  it('guesses the bytes of a repeated line, and most guesses hit', () => {
    const m = new Predictor(presetFor(6, 12, MODEL2_ID));
    const { guessed, hits } = feed(m, Buffer.concat(Array.from({ length: 40 }, () => LINE)));
    assert.ok(guessed > LINE.length * 30, `${guessed} guessed`);
    assert.ok(hits > guessed * 0.95, `${hits} of ${guessed} hit`);
  });

  it('after a missed guess, a byte that differs only in its last bit is known at bit 0', () => {
    // 'a' = 0x61 and '`' = 0x60 share their first 7 bits.
    const m = new Predictor(presetFor(6, 12, MODEL2_ID));
    const head = LINE.subarray(0, LINE.length - 2);
    feed(m, Buffer.concat(Array.from({ length: 40 }, () => LINE)));
    feed(m, head);
    assert.equal(m.expected(), 0x61, 'the model should guess the usual byte');
    m.predictHit();
    m.updateHit(0);
    const c = 0x60;
    for (let b = 7; b >= 1; b--) {
      m.predict();
      m.update((c >> b) & 1);
    }
    assert.equal(m.predict(), 1, 'the last bit cannot be the guess\'s 1: P(1) must be the minimum');
    m.update(0);
  });

  it('the bit network\'s inputs: one per context, the match, the weak guess (models 2 and 3), the numeric input (model 3, levels 6 and 9), the bias, then model 3\'s text contexts (level 6)', () => {
    // Model 1 has no weak-guess input: its bias sits where model 2's weak guess
    // does, and must never be written as one.
    for (const model of [LEGACY_MODEL_ID, MODEL2_ID, 3]) {
      for (const level of [1, 6, 9]) {
        const preset = presetFor(level, 12, model);
        const m = new Predictor(preset);
        const x = (m as unknown as { x: Float64Array }).x;
        // Model 3's levels 6 and 9: the numeric input too, after the weak guess.
        const numericInput = preset.numericInput ? 1 : 0;
        assert.equal(x.length, preset.contexts.length + (model === LEGACY_MODEL_ID ? 2 : 3) + numericInput, `model ${model} level ${level}`);
        const text = Buffer.concat(Array.from({ length: 8 }, () => LINE));
        for (let i = 0; i < text.length; ) i += codeNext(m, CHECKED_BITS, text, i, text.length, false);
        const bias = preset.contexts.length - preset.textContexts - preset.logContexts + (model === LEGACY_MODEL_ID ? 1 : 2) + numericInput;
        // Model 3's gated contexts (level 6's text ones, level 9's log ones) follow the bias.
        assert.equal(bias, x.length - 1 - preset.textContexts - preset.logContexts);
        assert.equal(preset.textContexts + preset.logContexts > 0, model === 3 && (level === 6 || level === 9));
        assert.equal(x[bias], 256, `model ${model} level ${level}: the bias input`);
      }
    }
  });

  it('model 1 codes every byte bit by bit', () => {
    const m = new Predictor(presetFor(6, 12, LEGACY_MODEL_ID));
    const { guessed } = feed(m, Buffer.concat(Array.from({ length: 20 }, () => LINE)));
    assert.equal(guessed, 0);
  });

  it('round trips where guesses miss in every way, at every level', () => {
    // Lines that repeat with one byte changed: by one bit (the excluded last
    // bit), by its high bits, and lines cut short or run long.
    const lines: Buffer[] = [];
    for (let i = 0; i < 300; i++) {
      const l = Buffer.from(LINE);
      const at = (i * 7) % (LINE.length - 1);
      if (i % 3 === 0) l[at] ^= 1;
      else if (i % 3 === 1) l[at] ^= 0x80;
      lines.push(i % 11 === 0 ? l.subarray(0, at + 1) : i % 13 === 0 ? Buffer.concat([l.subarray(0, -1), l]) : l);
    }
    const input = Buffer.concat(lines);
    for (let level = 1; level <= 9; level++) {
      const packed = compressSync(input, { level, tableBits: 12 });
      assert.ok(decompressSync(packed).equals(input), `level ${level}`);
      assert.ok(packed.length < input.length / 4, `level ${level}: ${packed.length} bytes`);
    }
  });
});
