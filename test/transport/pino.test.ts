/**
 * nnzip/pino with the real pino: an app in a child process (pino-child.ts)
 * logs 100,000 lines through the transport. Which lines are safe is known
 * from the app itself: it prints `FLUSH n` when the transport's
 * 'nnzip:flush' event says n lines are on disk in complete frames (sent
 * after the flush's bytes were written). A run killed with SIGKILL after
 * a few of those must give back, through `nncat`, at least those n lines,
 * in order and byte for byte (a prefix of what was logged), then say the
 * stream ends early. A run left alone ends every file properly.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { NNCAT, run } from '../cli/helpers';
import nnzipTransport, { NnzFiles, nextBoundary, parseSize } from '../../src/transport/pino';
import { expectedLog } from './pino-lines';

const CHILD = path.join(__dirname, 'pino-child.js');
const LINES = 100_000;
const EXPECTED = expectedLog('short', LINES);

function scratch(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-pino-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The .nnz files in `dir`, in the order they were written (by their number). */
function nnzFiles(dir: string): string[] {
  const number = (f: string) => Number(/\.(\d+)\.nnz$/.exec(f)![1]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.nnz'))
    .sort((a, b) => number(a) - number(b))
    .map((f) => path.join(dir, f));
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The most lines a FLUSH marker said were on disk before the kill. */
  flushed: number;
  markers: number;
  stdout: string;
}

/** Runs the app; with `killAfter`, kills it (SIGKILL) on that FLUSH marker. */
function runApp(dir: string, options: object, killAfter?: (marker: number, lines: number) => boolean): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir, String(LINES), 'short', JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let flushed = 0;
    let markers = 0;
    let stdout = '';
    let pending = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      stdout += s;
      pending += s;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const m = /^FLUSH (\d+)$/.exec(line);
        if (m === null || killed) continue;
        flushed = Math.max(flushed, Number(m[1]));
        markers++;
        if (killAfter?.(markers, flushed)) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, flushed, markers, stdout }));
  });
}

/** What nncat gives back from the files of a run killed mid-way: checked against what was logged. */
async function checkRecovered(dir: string, flushed: number): Promise<{ files: string[]; recovered: number }> {
  const files = nnzFiles(dir);
  assert.ok(files.length >= 1, 'the killed app left a file');
  const r = await run(NNCAT, files);
  const out = r.stdout;
  assert.ok(out.equals(EXPECTED.subarray(0, out.length)), 'nncat gives a prefix of the log, byte for byte, in order');
  assert.ok(out.length === 0 || out[out.length - 1] === 0x0a, 'whole lines only');
  const recovered = out.length === 0 ? 0 : out.toString('latin1').split('\n').length - 1;
  assert.ok(recovered >= flushed, `every flushed line is back: ${recovered} lines, ${flushed} flushed`);
  // Only the last file may be cut: the ones before it were ended properly when the transport rotated.
  // (The kill may also fall between a rotation and the next line, when no file is open: all are complete.)
  if (r.code === 0 && r.stderr === '') return { files, recovered };
  assert.equal(r.code, 1, 'nncat exits 1: the last stream ends early');
  const messages = r.stderr.trim().split('\n');
  assert.equal(messages.length, 1, r.stderr);
  const last = path.basename(files[files.length - 1]);
  assert.match(messages[0], new RegExp(`^nncat: .*${last.replace(/\./g, '\\.')}: (unexpected end of input at byte \\d+: the stream ends early|unexpected end of input: the input is empty)`));
  return { files, recovered };
}

describe('nnzip/pino: real pino in a child process, 100,000 lines', { concurrency: 3, timeout: 240_000 }, () => {
  test('left alone: every line, in order, byte for byte; rotation by size ends each file properly', async (t) => {
    const dir = scratch(t);
    const r = await runApp(dir, { level: 1, flushInterval: 100, size: '40k' });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^FLUSH 100000$/m, 'the transport said all lines are on disk');
    const files = nnzFiles(dir);
    assert.ok(files.length >= 3, `rotated: ${files.length} files`);
    const cat = await run(NNCAT, files);
    assert.equal(cat.code, 0, cat.stderr);
    assert.equal(cat.stderr, '');
    assert.ok(cat.stdout.equals(EXPECTED), `all ${LINES} lines back (${cat.stdout.length} of ${EXPECTED.length} bytes)`);
    for (const f of files.slice(0, -1)) assert.ok(fs.statSync(f).size >= 40 * 1024, `${path.basename(f)} reached the size before rotating`);
  });

  test('SIGKILL after the third completed flush: every line flushed by then is recovered, then "ends early"', async (t) => {
    const dir = scratch(t);
    const r = await runApp(dir, { level: 1, flushInterval: 100 }, (marker) => marker === 3);
    assert.equal(r.signal, 'SIGKILL', `killed mid-way (${r.stdout.slice(-200)})`);
    assert.ok(r.flushed > 0 && r.flushed < LINES, `${r.flushed} lines flushed before the kill`);
    await checkRecovered(dir, r.flushed);
  });

  test('SIGKILL while rotating every 4 KiB: earlier files complete, the last one cut, no flushed line lost', async (t) => {
    const dir = scratch(t);
    const r = await runApp(dir, { level: 1, flushInterval: 50, size: '4k' }, (_marker, lines) => lines >= 12_000);
    assert.equal(r.signal, 'SIGKILL', `killed mid-way (${r.stdout.slice(-200)})`);
    const { files } = await checkRecovered(dir, r.flushed);
    assert.ok(files.length >= 2, `rotated before the kill: ${files.length} files`);
  });
});

describe('nnzip/pino: options and files', () => {
  test('file names: numbered from after the highest one there, never overwriting; %n and time fields', async (t) => {
    const dir = scratch(t);
    fs.writeFileSync(path.join(dir, 'app.log.7.nnz'), 'an older run');
    const files = new NnzFiles({ file: path.join(dir, 'app.log.nnz'), flushInterval: 0, level: 1 });
    files.write('{"msg":"one"}');
    await files.close();
    assert.deepEqual(fs.readdirSync(dir).sort(), ['app.log.7.nnz', 'app.log.8.nnz']);
    assert.equal(fs.readFileSync(path.join(dir, 'app.log.7.nnz'), 'utf8'), 'an older run');
    const cat = await run(NNCAT, [path.join(dir, 'app.log.8.nnz')]);
    assert.equal(cat.stdout.toString(), '{"msg":"one"}\n');

    const dated = new NnzFiles({ file: path.join(dir, 'sub', 'x-%Y-%m-%d-%n.nnz'), mkdir: true, flushInterval: 0, level: 1 });
    dated.write('a');
    await dated.close();
    const [name] = fs.readdirSync(path.join(dir, 'sub'));
    assert.match(name, /^x-\d{4}-\d\d-\d\d-1\.nnz$/);
  });

  test('an idle transport leaves no file; close ends the file properly', async (t) => {
    const dir = scratch(t);
    const files = new NnzFiles({ file: path.join(dir, 'idle.nnz'), frequency: 50, level: 1 });
    await new Promise((r) => setTimeout(r, 120));
    await files.close();
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  test('rotation by time: each period in its own, complete file', async (t) => {
    const dir = scratch(t);
    const files = new NnzFiles({ file: path.join(dir, 't.nnz'), frequency: 100, flushInterval: 0, level: 1 });
    for (let k = 0; k < 3; k++) {
      if (!files.ready) await files.whenReady();
      files.write(`line ${k}`);
      await new Promise((r) => setTimeout(r, 150)); // past the next boundary
    }
    await files.close();
    const names = nnzFiles(dir);
    assert.equal(names.length, 3, String(names));
    const cat = await run(NNCAT, names);
    assert.equal(cat.code, 0, cat.stderr);
    assert.equal(cat.stdout.toString(), 'line 0\nline 1\nline 2\n');
  });

  test('the transport as pino-abstract-transport builds it: lines in, one .nnz out on end', async (t) => {
    const dir = scratch(t);
    const stream = await nnzipTransport({ file: path.join(dir, 'direct.nnz'), level: 1 });
    const closed = new Promise((r) => stream.on('close', r));
    stream.write('{"level":30,"msg":"a"}\n{"level":30,"msg":"b"}\n');
    stream.end();
    await closed;
    const cat = await run(NNCAT, nnzFiles(dir));
    assert.equal(cat.stdout.toString(), '{"level":30,"msg":"a"}\n{"level":30,"msg":"b"}\n');
  });

  test('bad options fail at start, with the option named', () => {
    assert.throws(() => new NnzFiles({} as never), /options\.file/);
    assert.throws(() => new NnzFiles({ file: '/tmp/x.nnz', size: 'lots' }), /size/);
    assert.throws(() => new NnzFiles({ file: '/tmp/x.nnz', frequency: 'weekly' as never }), /frequency/);
    assert.throws(() => new NnzFiles({ file: '/tmp/x.nnz', flushInterval: -1 }), /flushInterval/);
    assert.throws(() => new NnzFiles({ file: '/tmp/x.nnz', level: 12 }), /level/);
    assert.equal(parseSize('512k'), 512 * 1024);
    assert.equal(parseSize('100m'), 100 * 1024 ** 2);
    assert.equal(parseSize(1000), 1000);
    assert.equal(nextBoundary(1000, 12_345), 13_000);
    const d = new Date(2026, 10, 30, 13, 45, 10).getTime();
    assert.equal(nextBoundary('hourly', d), new Date(2026, 10, 30, 14).getTime());
    assert.equal(nextBoundary('daily', d), new Date(2026, 11, 1).getTime());
  });
});
