/**
 * examples/rotating-file-stream.js and examples/winston.js run for real
 * (issue 15.3): rotated files compressed by nnzip through
 * rotating-file-stream's `compress`, and winston logging straight to .nnz,
 * a process killed with SIGKILL included. Every file is decoded and checked
 * byte for byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decompressSync, MAGIC } from '../../src/index';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const NNCAT = path.join(ROOT, 'bin', 'nncat');

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

function run(file: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, PATH: [path.dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter) };
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-loggers-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('rotating-file-stream: every rotated file is an nnzip stream, and they decode, with the live file, to every line written', { timeout: 120_000 }, async (t) => {
  const dir = scratch(t);
  const lines = 12_000;
  const r = await run(process.execPath, [path.join(EXAMPLES, 'rotating-file-stream.js'), 'logs', String(lines)], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const rotated = r.stdout.toString().split('\n').filter(Boolean).map((l) => path.basename(l.replace(/^rotated: /, '')));
  assert.ok(rotated.length >= 3, `rotated ${rotated.length} times`);
  const files = fs.readdirSync(path.join(dir, 'logs')).sort();
  assert.deepEqual(files, [...rotated].sort().concat('app.log').sort(), 'nothing but the rotated .nnz files and the live one');
  assert.deepEqual(rotated, [...rotated].sort(), 'the names sort in rotation order');
  const { demoLine } = require(path.join(EXAMPLES, 'rotating-file-stream.js')) as { demoLine: (i: number) => string };
  const expected = Buffer.from(Array.from({ length: lines }, (_, i) => demoLine(i)).join(''));
  const parts: Buffer[] = [];
  for (const name of rotated) {
    const packed = fs.readFileSync(path.join(dir, 'logs', name));
    assert.ok(packed.subarray(0, MAGIC.length).equals(MAGIC), `${name} is not an nnzip stream`);
    const part = decompressSync(packed);
    assert.ok(part.length >= 128 * 1024, `${name}: ${part.length} bytes, less than the 128K rotation size`);
    assert.equal(part[part.length - 1], 0x0a, `${name} ends mid-line`);
    parts.push(part);
  }
  parts.push(fs.readFileSync(path.join(dir, 'logs', 'app.log')));
  assert.ok(Buffer.concat(parts).equals(expected), 'the rotated files and app.log are not the lines written, in order');
});

test('winston: the transport writes .nnz; a second run appends a stream, and both decode as one log', { timeout: 60_000 }, async (t) => {
  const dir = scratch(t);
  for (const lines of [3000, 500]) {
    const r = await run(process.execPath, [path.join(EXAMPLES, 'winston.js'), 'app.log.nnz', String(lines)], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout.toString(), /^app\.log\.nnz: \d+ bytes\n$/);
  }
  const text = decompressSync(fs.readFileSync(path.join(dir, 'app.log.nnz'))).toString();
  const got = text.split('\n');
  assert.equal(got.pop(), '', 'the last line is whole');
  const want = [...Array.from({ length: 3000 }, (_, i) => i), ...Array.from({ length: 500 }, (_, i) => i)];
  assert.equal(got.length, want.length);
  got.forEach((line, k) => {
    const i = want[k];
    assert.deepEqual(JSON.parse(line), { i, level: 'info', message: 'request done', path: `/api/items/${i % 97}`, status: 200 }, `line ${k}`);
  });
});

test('winston: killed with SIGKILL, every line of the last flush is recovered by nncat, in order, before its truncation error', { timeout: 60_000 }, async (t) => {
  const dir = scratch(t);
  // The child says when the transport reports its first 2000 lines in the file ('flushed'),
  // logs 10 more and kills itself a moment later, mid-way through the next frame or before it.
  fs.writeFileSync(path.join(dir, 'child.js'), [
    `const winston = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'winston'))});`,
    `const { NnzipTransport } = require(${JSON.stringify(path.join(EXAMPLES, 'winston.js'))});`,
    "const transport = new NnzipTransport({ filename: 'app.log.nnz', flushInterval: 50, format: winston.format.printf((info) => `${info.i} ${info.message}`) });",
    'const logger = winston.createLogger({ transports: [transport] });',
    "for (let i = 0; i < 2000; i++) logger.info('before the flush', { i });",
    'let said = false;',
    "transport.on('flushed', (lines) => {",
    '  if (lines < 2000 || said) return;',
    '  said = true;',
    "  process.stdout.write(`flushed ${lines}\\n`);",
    "  for (let i = 2000; i < 2010; i++) logger.info('after it', { i });",
    "  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 5);",
    '});',
  ].join('\n'));
  const r = await run(process.execPath, ['child.js'], dir);
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  assert.equal(r.stdout.toString(), 'flushed 2000\n');
  const d = await run(NNCAT, ['app.log.nnz'], dir);
  assert.equal(d.code, 1, 'nncat says the stream ends early');
  assert.match(d.stderr, /truncated/);
  const lines = d.stdout.toString().split('\n');
  assert.ok(lines.length >= 2001, `${lines.length - 1} lines recovered`);
  const expected = Array.from({ length: 2000 }, (_, i) => `${i} before the flush`);
  assert.deepEqual(lines.slice(0, 2000), expected);
  // Whatever came out after the flushed lines is a prefix of what followed them.
  const rest = lines.slice(2000).join('\n');
  const after = Array.from({ length: 10 }, (_, k) => `${2000 + k} after it\n`).join('');
  assert.ok(after.startsWith(rest), `after the flushed lines: ${JSON.stringify(rest)}`);
});
