// The run offer and its run models: the kernel's against run-offer.ts and
// run.ts (level 6 of model 3's threshold), with a match model and a line
// tracker of each side, driven as Predictor drives them: at each byte a run
// is offered with the bytes left in a pretend frame (runLength), decided by
// the real next bytes (updateRun, takeRun), else the match's guess now and
// then (updateHit), else the byte bit by bit (update, bit 8), endByte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { LineTracker } from '../../src/model/line-tracker';
import { MATCH_RECENT_BITS, MatchModel } from '../../src/model/match-model';
import { presetFor } from '../../src/model/presets';
import { RunOffer } from '../../src/model/run-offer';
import { RunModel } from '../../src/model/run';
import { Rng, jsonLines, syslogLines } from '../../bench/gen';

type Fn = (...args: number[]) => number;

/** Log lines (syslog and JSON) with random bytes between them now and then. */
function logData(bytes: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  const gens = [syslogLines(seed + 1), jsonLines(seed + 2)];
  const out = new Uint8Array(bytes);
  let n = 0;
  while (n < bytes) {
    let chunk: Uint8Array;
    if (rng.int(12) === 0) {
      chunk = new Uint8Array(1 + rng.int(60));
      for (let i = 0; i < chunk.length; i++) chunk[i] = rng.int(256);
    } else {
      chunk = Buffer.from(gens[rng.int(6) === 0 ? 1 : 0](), 'latin1');
    }
    const take = Math.min(chunk.length, bytes - n);
    out.set(chunk.subarray(0, take), n);
    n += take;
  }
  return out;
}

/** What run-offer.ts keeps private, read for the comparison. */
interface Inside {
  streak: number;
  model: RunModel;
  prefixModel: RunModel;
  codedPrefix: boolean;
  watch: { len: number; pos: number };
  prefixWatch: { len: number; pos: number };
}

function drive(threshold: number, bytes: number, seed: number): { coded: number; hits: number; runBytes: number; prefixes: number; watched: number } {
  const k = newKernel();
  const f = (name: string) => k[name] as Fn;
  const offerK = f('hookRunOffer');
  const pK = f('hookRunP');
  const spanK = f('hookRunSpan');
  const streakK = f('hookRunStreak');
  const learnK = f('hookRunLearn');
  const guessedK = f('hookRunGuessed');
  const takeRunK = f('hookRunTakeRun');
  const endByteK = f('hookRunEndByte');
  const inputK = f('hookRunMatchInput');
  const matchLearnK = f('hookRunMatchLearn');
  const stopK = f('hookRunMatchStop');
  const lenK = f('hookRunMatchLen');
  const lookK = f('hookRunLook');
  const slotK = f('hookRunSlot');
  const netPK = f('hookRunNetP');
  const weightK = f('hookRunWeight');
  const lineOf = f('hookRunLine');
  const watchOf = f('hookRunWatch');
  const preset = presetFor(6);
  f('hookRunNew')(threshold, preset.historyBits, preset.matchBits, MATCH_RECENT_BITS);
  const runs = new RunOffer(threshold);
  const inside = runs as unknown as Inside;
  const match = new MatchModel(preset.historyBits, preset.matchBits, MATCH_RECENT_BITS);
  const line = new LineTracker();
  const data = logData(bytes, seed);
  const rng = new Rng(seed + 100);
  const runBytes = new Uint8Array(64);
  let c4 = 0;
  let c8 = 0;
  let frameEnd = 0;
  let coded = 0;
  let hits = 0;
  let taken = 0;
  let prefixes = 0;
  let watched = 0;
  const fail = (at: number, what: string, got: unknown, want: unknown) => assert.fail(`byte ${at}: ${what} ${got} vs ${want}`);
  const checkModels = (at: number) => {
    const got = [watchOf(0), watchOf(1), watchOf(2), watchOf(3), watchOf(4)];
    const want = [inside.watch.len, inside.watch.pos, inside.prefixWatch.len, inside.prefixWatch.pos, inside.codedPrefix ? 1 : 0];
    for (let j = 0; j < 5; j++) if (got[j] !== want[j]) fail(at, 'watches, codedPrefix', got, want);
    for (let m = 0; m < 2; m++) {
      const model = m === 0 ? inside.model : inside.prefixModel;
      for (let s = 0; s < 4; s++) if (slotK(m, s) !== model.slot[s]) fail(at, `model ${m} slot ${s}`, slotK(m, s), model.slot[s]);
      if (netPK(m) !== model.net.p) fail(at, `model ${m} net p`, netPK(m), model.net.p);
    }
  };
  const endByte = (c: number) => {
    c8 = (c8 << 8) | (c4 >>> 24);
    c4 = (c4 << 8) | c;
    runs.byteDone(c);
    match.push(c, c4, c8);
    line.push(c);
    endByteK(c, c4, c8);
  };
  let i = 0;
  while (i < data.length) {
    if (i >= frameEnd) frameEnd = i + 1 + rng.int(rng.int(8) === 0 ? 64 : 8192);
    const left = Math.min(frameEnd, data.length) - i;
    // startByte, then runLength(left).
    line.look();
    lookK();
    const n = runs.offer(match, line, left);
    const nk = offerK(left);
    if (n !== nk) fail(i, 'offer', nk, n);
    if (spanK() !== runs.span || pK() !== runs.p || streakK() !== inside.streak) fail(i, 'span, p, streak', [spanK(), pK(), streakK()], [runs.span, runs.p, inside.streak]);
    if (lenK() !== match.len) fail(i, 'match len', lenK(), match.len);
    const lineK = [lineOf(0), lineOf(1), lineOf(2)];
    if (lineK[0] !== line.column || lineK[1] !== line.field || lineK[2] !== line.fieldPos) fail(i, 'line column, field, fieldPos', lineK, [line.column, line.field, line.fieldPos]);
    checkModels(i);
    if (n > 0 && inside.codedPrefix) prefixes++;
    if (n === 0 && inside.watch.len > 0 && inside.watch.pos === 0) watched++;
    if (n > 0) {
      // updateRun: right if the match's next n bytes are the data's.
      coded++;
      let hit = 1;
      for (let j = 0; j < n; j++) if (i + j >= data.length || match.ahead(j) !== data[i + j]) hit = 0;
      const m = runs.learn(hit);
      const mk = learnK(hit);
      if (m !== mk) fail(i, 'learn', mk, m);
      if (streakK() !== inside.streak) fail(i, 'streak after learn', streakK(), inside.streak);
      if (hit) {
        hits++;
        taken += m;
        // takeRun: byteDone for each byte, the match and the line take them in.
        for (let j = 0; j < m; j++) runBytes[j] = match.ahead(j);
        for (let j = 0; j < m; j++) runs.byteDone(runBytes[j]);
        match.takeRun(m, c4, c8);
        takeRunK(m, c4, c8);
        for (let j = 0; j < m; j++) {
          c8 = (c8 << 8) | (c4 >>> 24);
          c4 = (c4 << 8) | runBytes[j];
        }
        line.takeRun(runBytes, m);
        i += m;
        if (lenK() !== match.len) fail(i, 'match len after run', lenK(), match.len);
        continue;
      }
    }
    const c = data[i];
    // The match's guess, coded now and then (updateHit): a hit takes the byte, a miss stops the match.
    if (match.len > 0 && rng.int(2) === 0) {
      const hit = (match.byte & 255) === c ? 1 : 0;
      runs.guessed(hit);
      guessedK(hit);
      if (!hit) {
        match.stop();
        stopK();
      } else {
        endByte(c);
        i++;
        continue;
      }
    }
    // Bit by bit (update), then bit 8: guessed(0), endByte.
    let c0 = 1;
    for (let bitPos = 0; bitPos < 8; bitPos++) {
      const x = match.input(c0, bitPos);
      const y = inputK(c0, bitPos);
      if (x !== y) fail(i, `match input bit ${bitPos}`, y, x);
      const bit = (c >>> (7 - bitPos)) & 1;
      match.learn(bit);
      matchLearnK(bit);
      c0 = (c0 << 1) | bit;
    }
    runs.guessed(0);
    guessedK(0);
    endByte(c);
    i++;
  }
  checkModels(data.length);
  for (let m = 0; m < 2; m++) {
    const w = (m === 0 ? inside.model : inside.prefixModel).net.w[0];
    for (let s = 0; s < w.length; s++) if (weightK(m, s) !== w[s]) fail(data.length, `model ${m} weight ${s}`, weightK(m, s), w[s]);
  }
  return { coded, hits, runBytes: taken, prefixes, watched };
}

test('kernel: the run offer offers, decides and learns as run-offer.ts (level 6 threshold)', () => {
  const threshold = presetFor(6).runThreshold;
  assert.equal(threshold, 62259);
  const r = drive(threshold, 600000, 21);
  // The drive reached what it is for: coded runs, hits and misses.
  assert.ok(r.coded > 10000 && r.coded - r.hits > 50 && r.runBytes > 50000 && r.prefixes > 1000 && r.watched > 10000, JSON.stringify(r));
});

test('kernel: the run offer with a lower threshold (more coded runs and prefixes)', () => {
  const r = drive(40000, 200000, 33);
  assert.ok(r.coded > 5000 && r.coded - r.hits > 500 && r.prefixes > 1000 && r.watched > 5000, JSON.stringify(r));
});
