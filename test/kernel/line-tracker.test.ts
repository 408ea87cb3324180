// The line tracker: the kernel's against line-tracker.ts, over generated log lines and random bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { LineTracker } from '../../src/model/line-tracker';

type Fn = (...args: number[]) => number;

/** Log lines (fields of changing widths, tabs, many-field lines), random bytes, and sentences longer than MAX_SENTENCE. */
function stream(seed: number): Uint8Array {
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  const parts: string[] = [];
  const bytes: number[] = [];
  const levels = ['INFO', 'WARN', 'ERROR', 'DEBUG'];
  const words = ['user', 'login', 'failed', 'from', 'GET', '/index.html', 'HTTP/1.1', 'ok', 'x'];
  const flush = () => {
    for (const ch of Buffer.from(parts.join(''), 'latin1')) bytes.push(ch);
    parts.length = 0;
  };
  for (let line = 0; line < 5000; line++) {
    const kind = rand() % 20;
    if (kind === 0) {
      flush();
      const n = rand() % 300;
      for (let i = 0; i < n; i++) bytes.push(rand() & 255);
    } else if (kind === 1) {
      // Many fields: more than MAX_FIELDS separators.
      const n = 40 + (rand() % 60);
      for (let i = 0; i < n; i++) parts.push(String(rand() % 1000), rand() % 5 === 0 ? '\t' : ' ');
      parts.push('\n');
    } else {
      const sep = rand() % 7 === 0 ? '\t' : ' ';
      parts.push(`2024-01-${String(1 + (rand() % 28)).padStart(2, '0')} 12:${rand() % 60}:${rand() % 60}.${rand() % 1000}`, sep);
      parts.push(levels[rand() % 4], sep, `[${rand() % 100000}]`, sep);
      const n = rand() % 8;
      for (let i = 0; i < n; i++) parts.push(words[rand() % words.length], rand() % 3 === 0 ? '  ' : sep);
      parts.push(`${rand() % 256}.${rand() % 256}.0.${rand() % 256}`, rand() % 10 === 0 ? '' : '\n');
    }
    if (line === 2500 || line === 4000) {
      flush();
      // A sentence of MAX_SENTENCE bytes and more, no line feed (and a few separators).
      const n = 64 * 1024 + 100 + (rand() % 70000);
      for (let i = 0; i < n; i++) bytes.push(rand() % 1000 === 0 ? 0x20 : 97 + (rand() % 26));
      bytes.push(0x0a);
    }
  }
  flush();
  return Uint8Array.from(bytes);
}

test('kernel: a line tracker tracks sentences and fields as line-tracker.ts', () => {
  const k = newKernel();
  (k.hookLineNew as Fn)();
  const js = new LineTracker();
  const data = stream(11);
  let seed = 5;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  const put = (from: number, n: number) => {
    const ptr = (k.hookLineBytes as Fn)(n);
    new Uint8Array(k.memory.buffer).set(data.subarray(from, from + n), ptr);
  };
  const hook = (name: string) => k[name] as Fn;
  const [look, column, field, fieldPos, above, fieldByte, columnCtx, fieldCtx] = [
    'hookLineLook', 'hookLineColumn', 'hookLineField', 'hookLineFieldPos',
    'hookLineAbove', 'hookLineFieldByte', 'hookLineColumnCtx', 'hookLineFieldCtx',
  ].map(hook);
  let steps = 0;
  const agreements = [0, 0, 0];
  for (let i = 0; i < data.length; ) {
    js.look();
    look();
    const got = [column(), field(), fieldPos(), above(), fieldByte(), columnCtx(), fieldCtx()];
    const expected = [js.column, js.field, js.fieldPos, js.above, js.fieldByte, js.columnCtx, js.fieldCtx];
    if (got.some((v, j) => v !== expected[j])) assert.fail(`byte ${i}: ${got} vs ${expected}`);
    steps++;
    const r = rand() % 10;
    if (r === 0) {
      // A run: the next n bytes (and first, how the previous sentence's field agrees with them).
      const n = Math.min(1 + (rand() % 40), data.length - i);
      put(i, n);
      const a = js.fieldAgreement(data.subarray(i, i + n), n);
      const b = (k.hookLineFieldAgreement as Fn)(n);
      agreements[a]++;
      if (a !== b) assert.fail(`byte ${i}: fieldAgreement(${n}) ${b} vs ${a}`);
      js.takeRun(data.subarray(i, i + n), n);
      (k.hookLineTakeRun as Fn)(n);
      i += n;
    } else {
      js.push(data[i]);
      (k.hookLinePush as Fn)(data[i]);
      i++;
    }
  }
  assert.ok(agreements.every((n) => n > 0), `fieldAgreement outcomes ${agreements}`);
  assert.ok(steps > 100000, `${steps} steps`);
});
