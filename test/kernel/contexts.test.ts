// The context hashes: the kernel's hashContexts and nextWordHash against contexts.ts, over log lines, prose and random bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { hashContexts, nextWordHash } from '../../src/model/contexts';
import { LineTracker } from '../../src/model/line-tracker';
import { presetFor } from '../../src/model/presets';
import { WordTracker } from '../../src/model/word-tracker';

type Fn = (...args: number[]) => number;

/** Log lines, prose (with UTF-8 and apostrophes) and random bytes, in turns. */
function stream(seed: number): Uint8Array {
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  const parts: string[] = [];
  const levels = ['INFO', 'WARN', 'ERROR', 'DEBUG'];
  const words = ['The', 'user', "don't", 'café', 'LOGIN', 'failed', 'from', 'GET', '/index.html', 'HTTP/1.1', 'naïve', 'x', 'a1b2'];
  const chunks: Uint8Array[] = [];
  const flush = () => {
    chunks.push(Buffer.from(parts.join(''), 'utf8'));
    parts.length = 0;
  };
  for (let line = 0; line < 4000; line++) {
    const kind = rand() % 10;
    if (kind === 0) {
      flush();
      const bytes = new Uint8Array(rand() % 300);
      for (let i = 0; i < bytes.length; i++) bytes[i] = rand() & 255;
      chunks.push(bytes);
    } else if (kind < 4) {
      // Prose: a sentence of words, commas, a full stop.
      const n = 5 + (rand() % 20);
      for (let i = 0; i < n; i++) parts.push(words[rand() % words.length], rand() % 6 === 0 ? ', ' : ' ');
      parts.push(rand() % 3 === 0 ? '.\n' : '. ');
    } else {
      const sep = rand() % 7 === 0 ? '\t' : ' ';
      parts.push(`2024-01-${String(1 + (rand() % 28)).padStart(2, '0')} 12:${rand() % 60}:${rand() % 60}.${rand() % 1000}`, sep);
      parts.push(levels[rand() % 4], sep, `[${rand() % 100000}]`, sep);
      const n = rand() % (kind === 4 ? 90 : 8);
      for (let i = 0; i < n; i++) parts.push(words[rand() % words.length], rand() % 3 === 0 ? '  ' : sep);
      parts.push(`${rand() % 256}.${rand() % 256}.0.${rand() % 256}`, '\n');
    }
  }
  flush();
  return Buffer.concat(chunks);
}

test('kernel: hashContexts and nextWordHash hash as contexts.ts (level 6 of model 3, log and text kinds)', () => {
  const k = newKernel();
  const preset = presetFor(6);
  const lists = [Int32Array.from(preset.contexts), Int32Array.from(preset.textKinds)];
  assert.ok(lists[0].length === lists[1].length && lists[0].some((v, i) => v !== lists[1][i]));
  const n = lists[0].length;
  (k.hookContextsNew as Fn)(n);
  const [kindsAt, outAt, push, look, hash, wordHash] = ['hookContextsKinds', 'hookContextsOut', 'hookContextsPush', 'hookContextsLook', 'hookContextsHash', 'hookNextWordHash'].map((name) => k[name] as Fn);
  const kindsPtr = kindsAt();
  const outPtr = outAt();
  const line = new LineTracker();
  const words = new WordTracker();
  const out = new Int32Array(n);
  const data = stream(3);
  let c4 = 0;
  let c8 = 0;
  let word = 0;
  let kernelWord = 0;
  const distinct = new Set<number>();
  for (let i = 0; i < data.length; i++) {
    line.look();
    look();
    for (const kinds of lists) {
      new Int32Array(k.memory.buffer, kindsPtr, n).set(kinds);
      hashContexts(kinds, out, c4, c8, word, line, words);
      hash(c4, c8, word);
      const got = new Int32Array(k.memory.buffer, outPtr, n);
      for (let j = 0; j < n; j++) if (got[j] !== out[j]) assert.fail(`byte ${i}, kind ${kinds[j]}: ${got[j]} vs ${out[j]}`);
    }
    distinct.add(out[n - 1]);
    const c = data[i];
    line.push(c);
    words.push(c);
    push(c);
    // JavaScript's word hash may be 2^31 (no `| 0`); every use of it takes it as an int32.
    word = nextWordHash(word, c);
    kernelWord = wordHash(kernelWord, c);
    if (kernelWord !== (word | 0)) assert.fail(`byte ${i}: word hash ${kernelWord} vs ${word}`);
    c8 = ((c8 << 8) | (c4 >>> 24)) | 0;
    c4 = ((c4 << 8) | c) | 0;
  }
  assert.ok(data.length > 100000 && distinct.size > 1000, `${data.length} bytes, ${distinct.size} word pair hashes`);
});

test('kernel: hashContexts9 hashes as contexts.ts (level 9 of model 3, every kind it has)', () => {
  const k = newKernel();
  const kinds = Int32Array.from(presetFor(9).contexts);
  // Every kind the original hashes is among them.
  for (const kind of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) if (!kinds.includes(kind)) kinds[kinds.indexOf(20)] = kind;
  const n = kinds.length;
  (k.hookContextsNew as Fn)(n);
  const [kindsAt, outAt, push, look, hash] = ['hookContextsKinds', 'hookContextsOut', 'hookContextsPush', 'hookContextsLook', 'hookContextsHash9'].map((name) => k[name] as Fn);
  new Int32Array(k.memory.buffer, kindsAt(), n).set(kinds);
  const outPtr = outAt();
  const line = new LineTracker();
  const words = new WordTracker();
  const out = new Int32Array(n);
  const data = stream(7);
  let c4 = 0;
  let c8 = 0;
  let word = 0;
  const distinct = Array.from(kinds, () => new Set<number>());
  for (let i = 0; i < data.length; i++) {
    line.look();
    look();
    hashContexts(kinds, out, c4, c8, word, line, words);
    hash(c4, c8, word | 0);
    const got = new Int32Array(k.memory.buffer, outPtr, n);
    for (let j = 0; j < n; j++) {
      if (got[j] !== out[j]) assert.fail(`byte ${i}, kind ${kinds[j]}: ${got[j]} vs ${out[j]}`);
      if (i % 16 === 0) distinct[j].add(out[j]);
    }
    const c = data[i];
    line.push(c);
    words.push(c);
    push(c);
    word = nextWordHash(word, c);
    c8 = ((c8 << 8) | (c4 >>> 24)) | 0;
    c4 = ((c4 << 8) | c) | 0;
  }
  // Each hashed kind took many values (Order0 and kinds hashed elsewhere: 0).
  for (let j = 0; j < n; j++) if (kinds[j] !== 8 && kinds[j] < 14) assert.ok(distinct[j].size > 200, `kind ${kinds[j]}: ${distinct[j].size}`);
});
