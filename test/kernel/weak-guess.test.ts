// The weak guess: the kernel's against weak-guess.ts, over log bytes with
// guesses that hit, miss by a bit, miss by more, or are absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { WeakGuess } from '../../src/model/weak-guess';
import { Rng, syslogLines } from '../../bench/gen';

type Fn = (...args: number[]) => number;

test('kernel: the weak guess gives and learns as weak-guess.ts', () => {
  const k = newKernel();
  (k.hookWeakNew as Fn)();
  const input = k.hookWeakInput as Fn;
  const learn = k.hookWeakLearn as Fn;
  const setByte = k.hookWeakSetByte as Fn;
  const js = new WeakGuess();
  const lines = syslogLines(3);
  const rng = new Rng(41);
  let text = '';
  let guessedBits = 0;
  for (let i = 0; i < 200000; i++) {
    if (text.length === 0) text = lines();
    const c = text.charCodeAt(0) & 255;
    text = text.slice(1);
    const r = rng.int(10);
    // No guess; right; wrong in one bit; another byte.
    const guess = r < 3 ? -1 : r < 7 ? c : r < 9 ? c ^ (1 << rng.int(8)) : rng.int(256);
    // P(hit): mostly in the weak range, sometimes anywhere.
    const hitP = rng.int(4) === 0 ? rng.int(65536) : 20000 + rng.int(25000);
    js.byte = guess;
    setByte(guess);
    let c0 = 1;
    for (let bitPos = 0; bitPos < 8; bitPos++) {
      const x = js.input(c0, bitPos, hitP);
      const y = input(c0, bitPos, hitP);
      if (x !== y) assert.fail(`byte ${i} bit ${bitPos}: ${y} vs ${x}`);
      if (x !== 0) guessedBits++;
      const bit = (c >>> (7 - bitPos)) & 1;
      js.learn(bit);
      learn(bit);
      c0 = (c0 << 1) | bit;
    }
  }
  assert.ok(guessedBits > 500000, `guessed bits ${guessedBits}`);
});
