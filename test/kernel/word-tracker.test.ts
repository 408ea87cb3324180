// The word tracker: the kernel's against word-tracker.ts, over prose, log lines and random bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { WordTracker } from '../../src/model/word-tracker';

type Fn = (...args: number[]) => number;

test('kernel: a word tracker hashes words as word-tracker.ts', () => {
  const k = newKernel();
  (k.hookWordNew as Fn)();
  const js = new WordTracker();
  let seed = 9;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  const words = ["The", "the", "don't", "isn't", "Word", "WORD", "café", "naïve", "x", "it's", "'quoted'", "a1b2", "ERROR", "über"];
  const seps = [' ', ' ', ', ', '. ', '\n', '\t', ' - ', "' ", '42 '];
  const parts: string[] = [];
  for (let i = 0; i < 30000; i++) parts.push(words[rand() % words.length], seps[rand() % seps.length]);
  const text = Buffer.from(parts.join(''), 'utf8');
  const data = new Uint8Array(text.length + 40000);
  data.set(text);
  for (let i = text.length; i < data.length; i++) data[i] = rand() & 255;
  const [push, resetWhen, word, prevWord, prevWord2] = ['hookWordPush', 'hookWordResetWhen', 'hookWordWord', 'hookWordPrevWord', 'hookWordPrevWord2'].map((n) => k[n] as Fn);
  let ended = 0;
  for (let i = 0; i < data.length; i++) {
    if (rand() % 500 === 0) {
      const reset = rand() & 1;
      js.resetWhen(reset === 1);
      resetWhen(reset);
    }
    const before = js.prevWord;
    js.push(data[i]);
    push(data[i]);
    if (js.prevWord !== before) ended++;
    const got = [word(), prevWord(), prevWord2()];
    const expected = [js.word, js.prevWord, js.prevWord2];
    if (got.some((v, j) => v !== expected[j])) assert.fail(`byte ${i}: ${got} vs ${expected}`);
  }
  assert.ok(data.length > 100000 && ended > 10000, `${data.length} bytes, ${ended} words ended`);
});
