// The match model: the kernel's against match-model.ts (level 6 of model 3's
// sizes), driven as the predictor drives it: bits, guesses that stop it, runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { MATCH_RECENT_BITS, MatchModel } from '../../src/model/match-model';
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
    if (rng.int(10) === 0) {
      chunk = new Uint8Array(1 + rng.int(60));
      for (let i = 0; i < chunk.length; i++) chunk[i] = rng.int(256);
    } else {
      chunk = Buffer.from(gens[rng.int(8) === 0 ? 1 : 0](), 'latin1');
    }
    const take = Math.min(chunk.length, bytes - n);
    out.set(chunk.subarray(0, take), n);
    n += take;
  }
  return out;
}

test('kernel: the match model finds, follows and runs as match-model.ts', () => {
  const k = newKernel();
  const input = k.hookMatchInput as Fn;
  const learn = k.hookMatchLearn as Fn;
  const push = k.hookMatchPush as Fn;
  const ahead = k.hookMatchAhead as Fn;
  const available = k.hookMatchAvailable as Fn;
  const len = k.hookMatchLen as Fn;
  const slot = k.hookMatchSlot as Fn;
  const byte = k.hookMatchByte as Fn;
  (k.hookMatchNew as Fn)(22, 20, MATCH_RECENT_BITS);
  const js = new MatchModel(22, 20, MATCH_RECENT_BITS);
  const data = logData(320000, 5);
  const rng = new Rng(77);
  let c4 = 0;
  let c8 = 0;
  let runs = 0;
  let runBytes = 0;
  let matchedBits = 0;
  const check = (at: number, what: string) => {
    const got = [len(), slot(), byte(), available(), ahead(0), ahead(1), ahead(2), ahead(3)];
    const want = [js.len, js.slot, js.byte, js.available(), js.ahead(0), js.ahead(1), js.ahead(2), js.ahead(3)];
    for (let j = 0; j < want.length; j++) {
      if (got[j] !== want[j]) assert.fail(`byte ${at} after ${what}: [${got}] vs [${want}]`);
    }
  };
  let i = 0;
  while (i < data.length) {
    // A run, as Predictor.takeRun: only of bytes the match has right.
    if (js.len > 0 && rng.int(4) === 0) {
      const max = Math.min(js.available(), 40, data.length - i);
      let m = 0;
      while (m < max && js.ahead(m) === data[i + m]) m++;
      if (m > 0) {
        const n = 1 + rng.int(m);
        js.takeRun(n, c4, c8);
        (k.hookMatchTakeRun as Fn)(n, c4, c8);
        for (let j = 0; j < n; j++) {
          c8 = (c8 << 8) | (c4 >>> 24);
          c4 = (c4 << 8) | data[i + j];
        }
        i += n;
        runs++;
        runBytes += n;
        check(i, `a run of ${n}`);
        continue;
      }
    }
    const c = data[i];
    let bits = true;
    if (js.len > 0 && rng.int(3) === 0) {
      // A coded guess: a hit takes the byte whole, a miss stops the match.
      if ((js.byte & 255) === c) bits = false;
      else {
        js.stop();
        (k.hookMatchStop as Fn)();
      }
    } else if (rng.int(64) === 0) {
      js.stop();
      (k.hookMatchStop as Fn)();
    }
    if (bits) {
      let c0 = 1;
      for (let bitPos = 0; bitPos < 8; bitPos++) {
        const x = js.input(c0, bitPos);
        const y = input(c0, bitPos);
        if (x !== y || js.slot !== slot()) assert.fail(`byte ${i} bit ${bitPos}: input ${y} vs ${x}, slot ${slot()} vs ${js.slot}`);
        if (js.slot >= 0) matchedBits++;
        const bit = (c >>> (7 - bitPos)) & 1;
        js.learn(bit);
        learn(bit);
        if (js.len !== len()) assert.fail(`byte ${i} bit ${bitPos}: len ${len()} vs ${js.len}`);
        c0 = (c0 << 1) | bit;
      }
    }
    c8 = (c8 << 8) | (c4 >>> 24);
    c4 = (c4 << 8) | c;
    js.push(c, c4, c8);
    push(c, c4, c8);
    i++;
    check(i, 'a push');
  }
  // The drive reached what it is for.
  assert.ok(runs > 1000 && runBytes > 20000, `runs ${runs}, ${runBytes} bytes`);
  assert.ok(matchedBits > 200000, `matched bits ${matchedBits}`);
});
