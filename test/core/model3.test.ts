/**
 * Model 3 (unreleased, written by this build): the second nibble's counters
 * in their own line, the run decision (run.ts, predictor.ts offerRun), the
 * third APM; and that its output depends only on the data and the options,
 * never on how the input is written, sliced into pieces or cut into frames.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync, createCompressor, decompressSync } from '../../src/index';
import { BitChannel, codeNext, KNOWN_BITS } from '../../src/coder/code-byte';
import { Encoder } from '../../src/coder/encoder';
import { ContainerRecord, FRAME_STORED, serializeRecord } from '../../src/format/container';
import { Predictor } from '../../src/model/predictor';
import { Ctx, Sel, MODEL2_ID, MODEL_ID, presetFor, unsupportedReason } from '../../src/model/presets';
import { RUN_MAX, RunModel, spanBucket, spanHashNext, streakBucket } from '../../src/model/run';
import { counterLogit } from '../../src/model/counter';
import { resolveCompressOptions } from '../../src/options';
import { throughStream, runsLogText } from './helpers';

interface TableView {
  line: Int32Array;
  slot: Int32Array;
  n: number;
}
const tableOf = (m: Predictor) => (m as unknown as { table: TableView }).table;

/** Codes byte c bit by bit on a fresh predictor (no guess, no run), returning each bit's counter slot relative to its context's line, and that line relative to the first nibble's. */
function slotsOf(modelId: number, c: number): { slots: number[]; lines: number[] } {
  const m = new Predictor(presetFor(1, 10, modelId));
  assert.equal(m.runLength(1), 0);
  assert.equal(m.expected(), -1, 'a fresh model has no guess');
  const t = tableOf(m);
  const first = t.line[0];
  const slots: number[] = [];
  const lines: number[] = [];
  for (let b = 7; b >= 0; b--) {
    m.predict();
    slots.push(t.slot[0] - t.line[0]);
    lines.push(t.line[0] - first);
    m.update((c >> b) & 1);
  }
  return { slots, lines };
}

describe('model 3: the second nibble in its own line', () => {
  it('byte 0xA5: slots 1, 3, 6, 13 of line 0, then 1, 2, 5, 10 of line 1 + 0xA (model 2: c0 = 26, 52, 105, 210)', () => {
    const m3 = slotsOf(MODEL_ID, 0xa5);
    assert.deepEqual(m3.slots, [1, 3, 6, 13, 1, 2, 5, 10]);
    assert.deepEqual(m3.lines, [0, 0, 0, 0, 11 * 16, 11 * 16, 11 * 16, 11 * 16]);
    const m2 = slotsOf(MODEL2_ID, 0xa5);
    assert.deepEqual(m2.slots, [1, 3, 6, 13, 26, 52, 105, 210]);
    assert.deepEqual(m2.lines, m3.lines);
  });

  it('byte 0x0F and 0xF0: the second nibble of 0x0F at line 1, of 0xF0 at line 16', () => {
    assert.deepEqual(slotsOf(MODEL_ID, 0x0f), { slots: [1, 2, 4, 8, 1, 3, 7, 15], lines: [0, 0, 0, 0, 16, 16, 16, 16] });
    assert.deepEqual(slotsOf(MODEL_ID, 0xf0), { slots: [1, 3, 7, 15, 1, 2, 4, 8], lines: [0, 0, 0, 0, 256, 256, 256, 256] });
  });

  it('every counter of every context stays in slots 1..15 of its line (log text, level 9, smallest table)', () => {
    const m = new Predictor(presetFor(9, 10));
    const t = tableOf(m);
    const text = runsLogText(60, 5);
    const predict = m.predict.bind(m);
    let checked = 0;
    m.predict = () => {
      const p = predict();
      for (let i = 0; i < t.n; i++) {
        const s = t.slot[i] - t.line[i];
        if (s < 1 || s > 15) assert.fail(`context ${i}: slot ${s}`);
      }
      checked++;
      return p;
    };
    for (let i = 0; i < text.length; ) i += codeNext(m, KNOWN_BITS, text, i, text.length, false);
    assert.ok(checked > 1000, `${checked} bits checked`);
  });
});

describe('model 3: the run model (run.ts)', () => {
  it('buckets', () => {
    assert.deepEqual([0, 3, 4, 15, 16, 31, 32, 63, 64, 255, 256, 10_000].map(streakBucket), [0, 0, 1, 3, 4, 4, 5, 5, 6, 6, 7, 7]);
    assert.deepEqual([2, 3, 5, 6, 7, 8, 15, 16, 31, 32, 64].map(spanBucket), [0, 1, 3, 4, 4, 5, 5, 6, 6, 7, 7]);
    assert.equal(spanHashNext(0, 0x41), Math.imul(0x41, 0x01000193));
  });

  it('a fresh model: its counters, and P = 37346 (hand-computed)', () => {
    const m = new RunModel();
    const r = { lengthBucket: 11, streakBucket: 7, spanBucket: 5, field: 3, fieldPos: 1, first: 0x41, spanHash: 0x12345678, agree: 0 };
    const p = m.predict(r);
    // Counters: ((11·8 + 7)·8 + 5)·3 + 0 (no agreement) = 2295; 3072 + (3·16 + 0 (no run yet))·3 + 0 = 3216;
    // 6144 + (((0x41·31 + 1·7 + 3·131) & 255) << 4) = 6144 + (111 << 4) = 7920; 10240 + a 16-bit hash.
    assert.deepEqual(Array.from(m.slot.subarray(0, 3)), [2295, 3216, 7920]);
    assert.equal(m.slot[3], 10240 + (Math.imul(0x12345678 ^ (3 << 24), 0x9e3779b1) >>> 16));
    // Unseen counters have logit 0, so the neuron sees only the bias: z = 0.3 · 256 = 76.8 → 76,
    // SQUASH → 37597; the output neuron (weight 1, bias weight 0): 76 → 37597. The APM at
    // logit 76 interpolates squash(0) · 16 and squash(256) · 16: (524288 · 180 + 766576 · 76) >> 12 = 37263.
    // P = (37597 + 3 · 37263) >> 2 = 37346.
    assert.equal(counterLogit(0), 0);
    assert.equal(p, 37346);
  });

  it('learns: right runs raise P above model 3\'s thresholds, wrong ones lower it', () => {
    const m = new RunModel();
    const r = { lengthBucket: 12, streakBucket: 6, spanBucket: 4, field: 5, fieldPos: 0, first: 0x20, spanHash: 77, agree: 2 };
    let p = m.predict(r);
    for (let i = 0; i < 300; i++) {
      m.update(1);
      p = m.predict(r);
    }
    assert.ok(p > 0.97 * 65536, `after 300 right runs P = ${p}`);
    for (let i = 0; i < 30; i++) {
      m.update(0);
      p = m.predict(r);
    }
    assert.ok(p < 0.9 * 65536, `after 30 wrong runs P = ${p}`);
  });
});

/** Codes `text` with KNOWN_BITS, frames ending at `cuts`; returns every run decision's span and bytes left. */
function runsOf(level: number, text: Buffer, cuts: number[]): Array<{ at: number; span: number; left: number; right: boolean }> {
  const m = new Predictor(presetFor(level, 12));
  const runs: Array<{ at: number; span: number; left: number; right: boolean }> = [];
  const channel: BitChannel = { code: (bit) => bit };
  const runLength = m.runLength.bind(m);
  let at = 0;
  let left = 0;
  m.runLength = (l: number) => {
    const n = runLength(l);
    left = l;
    if (n > 0) runs.push({ at, span: n, left, right: text.subarray(at, at + n).equals(Buffer.from(Array.from({ length: n }, (_, k) => m.runByte(k)))) });
    return n;
  };
  let start = 0;
  for (const end of [...cuts, text.length]) {
    for (at = start; at < end; ) at += codeNext(m, channel, text.subarray(0, end), at, end, false);
    assert.equal(at, end, 'a frame is coded exactly to its end');
    start = end;
  }
  return runs;
}

describe('model 3: run decisions (predictor.ts)', () => {
  const text = runsLogText(300, 11);

  it("a right run's bytes taken in part by part (takeRun) leave every part as endByte's byte-by-byte path does, levels 1, 6, 9", () => {
    // The reference: the run's bytes through endByte, one by one, as before takeRun.
    const proto = Predictor.prototype as unknown as Record<string, unknown>;
    const takeRun = proto.takeRun;
    const data = Buffer.concat([runsLogText(200, 5), Buffer.from('Plain prose for a while, so that text mode comes and goes.\n'.repeat(20)), runsLogText(200, 6)]);
    const fast = [1, 6, 9].map((level) => compressSync(data, { level, threads: 1 }));
    proto.takeRun = function (this: { guessedShare: number; match: { ahead(k: number): number }; endByte(c: number): void }, n: number): void {
      for (let k = 0; k < n; k++) {
        this.guessedShare += (65536 - this.guessedShare) >> 8;
        this.endByte(this.match.ahead(0));
      }
    };
    try {
      [1, 6, 9].forEach((level, i) => assert.ok(compressSync(data, { level, threads: 1 }).equals(fast[i]), `level ${level}`));
    } finally {
      proto.takeRun = takeRun;
    }
  });

  for (const level of [1, 6, 9]) {
    it(`level ${level}: runs cover the match up to a space, tab or line feed (or a prefix up to a number), at most ${RUN_MAX} bytes, and most are right`, () => {
      const runs = runsOf(level, text, []);
      assert.ok(runs.length > 200, `${runs.length} runs`);
      let bytes = 0;
      for (const r of runs) {
        assert.ok(r.span >= 2 && r.span <= RUN_MAX && r.span <= r.left);
        const inner = text.subarray(r.at, r.at + r.span - 1);
        if (r.right) {
          bytes += r.span;
          assert.ok(!inner.includes(0x20) && !inner.includes(0x09) && !inner.includes(0x0a), 'no separator before the last byte');
          const last = text[r.at + r.span - 1];
          // Or a prefix (run-offer.ts): the token's bytes up to its last number, which follows a non-digit.
          const next = text[r.at + r.span];
          const digit = (b: number) => b >= 0x30 && b <= 0x39;
          const prefix = !digit(last) && digit(next);
          assert.ok(r.span === RUN_MAX || r.span === r.left || last === 0x20 || last === 0x09 || last === 0x0a || prefix, `run at ${r.at} ends on ${last}`);
        }
      }
      assert.ok(runs.filter((r) => r.right).length > runs.length * 0.9);
      assert.ok(bytes > text.length / 3, `${bytes} of ${text.length} bytes in runs`);
    });
  }

  it('a token that changes at its last number: its prefix up to the number is coded as a run, and most are right', () => {
    // The PID changes on every line, so the whole token "sshd[<pid>]:" is never trusted.
    const lines = Array.from({ length: 400 }, (_, i) => `host sshd[${10007 + ((i * 7919) % 90000)}]: session opened for user${i % 3}\n`);
    const logText = Buffer.from(lines.join(''));
    const runs = runsOf(6, logText, []);
    const digit = (b: number) => b >= 0x30 && b <= 0x39;
    const prefixes = runs.filter((r) => r.span < r.left && !digit(logText[r.at + r.span - 1]) && digit(logText[r.at + r.span]) && logText[r.at + r.span - 1] !== 0x20);
    const pids = prefixes.filter((r) => logText.subarray(r.at, r.at + r.span).toString() === 'sshd[');
    assert.ok(pids.length > 200, `${pids.length} prefix runs before the PID`);
    assert.ok(prefixes.filter((r) => r.right).length > prefixes.length * 0.9);
  });

  it('a run never passes the end of its frame: capped at the bytes left, which both sides know', () => {
    // Frames cut in the middle of fields, every 97 bytes.
    const cuts = Array.from({ length: Math.floor(text.length / 97) }, (_, i) => (i + 1) * 97);
    const runs = runsOf(6, text, cuts);
    const capped = runs.filter((r) => r.span === r.left);
    assert.ok(capped.length > 5, `${capped.length} runs capped at a frame's end`);
    for (const r of runs) assert.ok(r.span <= r.left);
  });
});

/** compressSync's container, with frames cut at the given offsets (mid-run), and some frames stored instead of coded. */
function encodeCut(text: Buffer, level: number, cuts: number[], storeEvery = 0): Buffer {
  const { params } = resolveCompressOptions({ level, tableBits: 12 });
  const e = new Encoder(params);
  const out: Buffer[] = [];
  const put = (r: ContainerRecord) => out.push(...serializeRecord(r));
  put(e.header());
  let start = 0;
  [...cuts, text.length].forEach((end, i) => {
    const f = e.frameOf(text.subarray(start, end));
    // A stored frame: the decoder's model learns it through KNOWN_BITS, the same decisions.
    if (storeEvery > 0 && i % storeEvery === 1 && f.kind === 'frame') put({ ...f, type: FRAME_STORED, payload: Buffer.from(text.subarray(start, end)) });
    else put(f);
    start = end;
  });
  put(e.end());
  return Buffer.concat(out);
}

describe('model 3: runs across frame ends', () => {
  const text = runsLogText(200, 3);
  for (const level of [1, 6, 9]) {
    it(`level ${level}: frames cut mid-run (coded, and every third stored) decode`, () => {
      const cuts = [1, 2, 50, 51, 130, 500, 501, 2000, 4096, 4097, 9000, 9063, 20_000];
      const coded = encodeCut(text, level, cuts);
      assert.ok(decompressSync(coded).equals(text));
      const mixed = encodeCut(text, level, cuts, 3);
      assert.ok(decompressSync(mixed).equals(text));
    });
  }

  it('a frame that ends inside a run, through the stream API with flush()', async () => {
    const c = createCompressor({ level: 6 });
    const parts: Buffer[] = [];
    c.on('data', (b: Buffer) => parts.push(b));
    const done = new Promise((resolve) => c.on('end', resolve));
    for (let i = 0; i < text.length; i += 333) {
      c.write(text.subarray(i, i + 333));
      await new Promise<void>((resolve) => c.flush(() => resolve()));
    }
    c.end();
    await done;
    assert.ok(decompressSync(Buffer.concat(parts)).equals(text));
  });
});

describe('model 3: the output depends on the data and the options only', () => {
  const text = runsLogText(250, 21);
  for (const level of [1, 6, 9]) {
    it(`level ${level}: compressSync = the stream fed 1-, 7-byte and 64 KiB writes = the encoder stepped by 1, 7 and odd budgets`, async () => {
      const options = { level, frameSize: 16_384 };
      const whole = compressSync(text, options);
      assert.ok(decompressSync(whole).equals(text));
      for (const size of [1, 7, 65_536]) {
        const streamed = await throughStream(createCompressor(options), text, size);
        assert.ok(streamed.equals(whole), `${size}-byte writes: the output differs`);
      }
      // The coding stage's time slices end wherever the clock says: any budget must give the same bytes.
      const { params } = resolveCompressOptions(options);
      for (const budgets of [[1], [7], [3, 64, 1, 100, 13]]) {
        const e = new Encoder(params);
        const out: Buffer[] = [];
        const put = (r: ContainerRecord) => out.push(...serializeRecord(r));
        put(e.header());
        for (let start = 0; start < text.length; start += 16_384) {
          e.beginFrame(text.subarray(start, Math.min(text.length, start + 16_384)));
          let k = 0;
          while (!e.step(budgets[k++ % budgets.length]));
          put(e.finishFrame());
        }
        put(e.end());
        assert.ok(decompressSync(Buffer.concat(out)).equals(text));
        const again = encodeSameFrames(text, params, 16_384);
        assert.ok(Buffer.concat(out).equals(again), `budgets ${budgets.join(',')}: the output differs`);
      }
    });
  }
});

/** The encoder over fixed-size frames, each coded at once. */
function encodeSameFrames(text: Buffer, params: ReturnType<typeof resolveCompressOptions>['params'], size: number): Buffer {
  const e = new Encoder(params);
  const out: Buffer[] = [];
  const put = (r: ContainerRecord) => out.push(...serializeRecord(r));
  put(e.header());
  for (let start = 0; start < text.length; start += size) put(e.frameOf(text.subarray(start, Math.min(text.length, start + size))));
  put(e.end());
  return Buffer.concat(out);
}

describe('model ids', () => {
  it('this build writes model 3 and reads models 1 to 3', () => {
    assert.equal(MODEL_ID, 3);
    assert.equal(compressSync('x')[5], 3);
    for (const modelId of [1, 2, 3]) assert.equal(unsupportedReason({ modelId, level: 6, tableBits: 20 }), null);
    assert.match(unsupportedReason({ modelId: 4, level: 6, tableBits: 20 }) ?? '', /model id 4 .*models 1 to 3/);
  });

  it('presets: model 3 is model 2 plus nibble lines (hashed: tables 4 times smaller, the same match model) and runs (0.9 at levels 1-5, 0.95 at 6), the fast expected-byte model, at level 6 a text mode and the log contexts (numeric, field copy, numeric APM, guesses from 0.65), and at level 9 runs from 0.99, guesses from 0.98, a third APM, the numeric, field-copy and word contexts, count maps, the record contexts, the log contexts and bit histories (log mode only), neurons by the numeric state, the field offset and the field shape, the output sets by c0, a second output by the match length, the match APM, a falling learning rate, the numeric APM and a 2^21 table', () => {
    for (let level = 1; level <= 9; level++) {
      if (level === 7 || level === 8) continue; // level 6 plus (below)
      const m2 = presetFor(level, undefined, MODEL2_ID);
      const m3 = presetFor(level);
      assert.equal(m2.nibbleLines, false);
      assert.equal(m2.runThreshold, -1);
      assert.equal(m3.nibbleLines, true);
      assert.equal(m3.runThreshold, Math.floor((level <= 5 ? 0.9 : level === 6 ? 0.95 : level <= 8 ? 0.97 : 0.99) * 65536));
      assert.equal(m3.numericApm, level === 6 || level === 9);
      assert.equal(m2.numericApm, false);
      assert.equal(m3.apmStages, level === 9 ? 3 : m2.apmStages);
      const level9 = level === 9
        ? { contexts: m2.contexts, guessThreshold: m2.guessThreshold, tableBits: m2.tableBits, matchBits: m2.matchBits, outputByPartialByte: false, outputLearningRate: m2.outputLearningRate, matchApm: false, neurons: m2.neurons, secondOutput: -1, learningSchedule: m2.learningSchedule, numericApm: false }
        : level === 6
          ? { tableBits: m2.tableBits, contexts: m2.contexts, guessThreshold: m2.guessThreshold }
          : { tableBits: m2.tableBits };
      if (level !== 9) assert.equal(m3.tableBits, m2.tableBits - 2);
      if (level === 9) {
        assert.deepEqual(m3.contexts, [...m2.contexts, Ctx.NumericDiff, Ctx.FieldCopy, Ctx.WordFolded, Ctx.WordPair, Ctx.RecordAbove, Ctx.RecordAboveLeft, Ctx.RecordTwoAbove, Ctx.FieldAbove, Ctx.FieldShape, Ctx.FieldTwoAbove, Ctx.FieldAboveBefore, Ctx.LineShape, Ctx.LineSkeleton, Ctx.FieldTemplate]);
        assert.deepEqual(m3.neurons, [...m2.neurons, Sel.NumericState, Sel.FieldOffset, Sel.FieldShape]);
        assert.equal(m3.secondOutput, Sel.MatchLength);
        assert.equal(m3.tableBits, 21);
        assert.equal(m3.guessThreshold, Math.floor(0.98 * 65536));
        assert.ok(m3.outputByPartialByte && m3.matchApm);
      }
      assert.equal(m2.secondOutput, -1);
      if (level !== 9) assert.equal(m3.secondOutput, -1);
      assert.equal(m2.fastExpect, false);
      assert.equal(m3.fastExpect, true);
      assert.equal(m2.countMaps, false);
      assert.equal(m3.countMaps, level === 9 || level === 6);
      assert.equal(m3.textContexts, level === 6 ? 4 : 0);
      assert.equal(m3.logContexts, level === 9 ? 7 : 0);
      assert.equal(m2.logContexts, 0);
      assert.equal(m3.logHistories, level === 9);
      assert.equal(m2.logHistories, false);
      assert.equal(m3.textApm, level === 6);
      if (level === 6) {
        // NumericDelta is a direct input here (numericInput), not a hashed context.
        assert.deepEqual(m3.contexts, [Ctx.Order3, Ctx.Column, Ctx.FieldPosition, Ctx.Word, Ctx.NumericDiff, Ctx.FieldCopy, Ctx.Order2, Ctx.Order4, Ctx.WordFolded, Ctx.WordPair]);
        assert.deepEqual(m2.contexts, [Ctx.Order1, Ctx.Order3, Ctx.Column, Ctx.Field, Ctx.FieldPosition, Ctx.Word]);
        assert.equal(m3.guessThreshold, Math.floor(0.65 * 65536));
      }
      // Level 6's text mode: Column and Field (if there) give their place to an order-0 context.
      const base = m3.contexts.length - m3.textContexts;
      const textKinds = level === 6 ? m3.contexts.map((k, i) => (i < base && (k === Ctx.Column || k === Ctx.Field) ? Ctx.Order0 : k)) : [];
      assert.deepEqual(m3.textKinds, textKinds);
      assert.deepEqual(m2.textKinds, []);
      assert.equal(m3.proseGuessThreshold, level === 6 ? Math.floor(0.98 * 65536) : -1);
      assert.equal(m2.proseGuessThreshold, -1);
      assert.equal(m3.textSelector, level === 6);
      assert.equal(m2.textSelector, false);
      assert.equal(m3.textGuessThreshold, level === 6 ? Math.floor(0.8 * 65536) : -1);
      assert.equal(m2.textGuessThreshold, -1);
      assert.equal(m3.numericGuessThreshold, level === 6 ? Math.floor(0.8 * 65536) : -1);
      assert.equal(m3.numericInput, level === 6 || level === 9);
      assert.deepEqual({ ...m3, nibbleLines: false, runThreshold: -1, apmStages: m2.apmStages, countMaps: false, textGuessThreshold: -1, fastExpect: false, textContexts: 0, logContexts: 0, logHistories: false, textApm: false, textKinds: [], proseGuessThreshold: -1, textSelector: false, numericApm: false, numericGuessThreshold: -1, numericInput: false, ...level9 }, m2);
      assert.equal(presetFor(level, undefined, 1).runThreshold, -1);
      assert.equal(presetFor(level, undefined, 1).fastExpect, false);
    }
  });

  it('presets: model 3 levels 7 and 8 are level 6 plus level 9\'s line-template log contexts (8: and its field log contexts), neurons by the match length and the field offset (8: and by the byte above and the numeric state), a second output by the match length, and at 8 a 2^20 table with a 2^24-byte match history', () => {
    const six = presetFor(6);
    const seven = presetFor(7);
    const eight = presetFor(8);
    const lineTemplate = [Ctx.LineShape, Ctx.LineSkeleton, Ctx.FieldTemplate];
    const fields = [Ctx.FieldAbove, Ctx.FieldShape, Ctx.FieldTwoAbove, Ctx.FieldAboveBefore];
    assert.deepEqual(seven, { ...six, level: 7, contexts: [...six.contexts, ...lineTemplate], logContexts: 3, neurons: [...six.neurons, Sel.MatchLength, Sel.FieldOffset], secondOutput: Sel.MatchLength });
    assert.deepEqual(eight, {
      ...seven,
      level: 8,
      contexts: [...six.contexts, ...fields, ...lineTemplate],
      logContexts: 7,
      neurons: [...seven.neurons, Sel.Above, Sel.NumericState],
      tableBits: 20,
      historyBits: 24,
      matchBits: 22,
    });
    // Level 9's log contexts, in its order.
    assert.deepEqual(presetFor(9).contexts.slice(-7), [...fields, ...lineTemplate]);
  });
});
