/**
 * Trust in the file handling (issue 10): an input that changes while it is
 * compressed, temporary files left by a process killed with SIGKILL, names
 * near NAME_MAX, times before 1970, set-id files, signals our caller
 * ignored, and a Node.js too old to run us.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempPrefix } from '../../src/cli/output';
import { MIN_NODE } from '../../src/cli/launch';
import { BIN, ENV, hasCommand, logText, NNZIP, nnzip, ROOT, scratch, temps, write } from './helpers';

const TEXT = logText(3000, 21);
/** Some 0.7 s of work at -9: long enough to act on a child while it runs (within ms of its temporary appearing). */
const SLOW = logText(160_000, 22);

function exitOf(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const err: Buffer[] = [];
  child.stderr?.on('data', (b: Buffer) => err.push(b));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr: Buffer.concat(err).toString() })));
}

/** Waits for the child's temporary file: by then it has opened its input and installed its signal handlers. */
async function tempAppears(dir: string): Promise<string> {
  for (let i = 0; i < 3000 && temps(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  assert.equal(temps(dir).length, 1, 'temporary file seen');
  return temps(dir)[0];
}

describe('an input that changes while it is compressed (issue 10.5)', { concurrency: 2 }, () => {
  for (const [how, change] of [
    ['truncated', (f: string) => fs.truncateSync(f, SLOW.length / 2)],
    ['appended to', (f: string) => fs.appendFileSync(f, 'one more line\n')],
  ] as const) {
    test(`${how}: warning, exit 2, the input kept and no .nnz`, async (t) => {
      const dir = scratch(t);
      const f = write(dir, 't.log', SLOW);
      const child = spawn(NNZIP, ['-9', f], { env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
      const done = exitOf(child);
      await tempAppears(dir);
      // Either the read has not reached the end (bytes read != size at open)
      // or it has and the final stat sees the new size: caught both ways.
      change(f);
      const r = await done;
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /^nnzip: .*t\.log: file (size )?changed while being compressed.* -- unchanged, no output kept$/m);
      assert.deepEqual(fs.readdirSync(dir), ['t.log']);
    });
  }

  test('unchanged inputs are not flagged (and -c of a file that changes is a warning too)', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'ok.log', TEXT);
    const r = await nnzip(['-1', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    // /proc files claim size 0 and hold more: gzip warns "file size changed" there as well.
    const p = await nnzip(['-1c', '/proc/self/status']);
    assert.equal(p.code, 2);
    assert.match(p.stderr, /status: file size changed while being compressed \(0 bytes at the start, \d+ read\)$/m);
  });
});

describe('temporary files of killed runs (issue 10.6)', { concurrency: 2 }, () => {
  test('carry the pid; a run killed with SIGKILL leaves one, the next run for that output removes it', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'k.log', SLOW);
    const child = spawn(NNZIP, ['-9', f], { env: ENV, stdio: 'ignore' });
    const done = exitOf(child);
    const tmp = await tempAppears(dir);
    assert.equal(tmp, `.k.log.nnz.${child.pid}.${tmp.split('.').at(-2)}.tmp`);
    child.kill('SIGKILL');
    assert.equal((await done).signal, 'SIGKILL');
    assert.deepEqual(temps(dir), [tmp], 'nothing can clean up after SIGKILL');
    // Another output's leftovers and a temporary whose owner lives (this test) stay.
    const alive = `.k.log.nnz.${process.pid}.abcdef.tmp`;
    const other = `.other.nnz.${child.pid}.abcdef.tmp`;
    write(dir, alive, 'x');
    write(dir, other, 'x');
    const r = await nnzip(['-1', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(dir).sort(), [alive, other, 'k.log.nnz'].sort());
    assert.deepEqual((await nnzip(['-dc', f + '.nnz'])).stdout, SLOW);
  });

  test('a name of 250 characters (ASCII or not) compresses and decompresses: the temporary name stays under NAME_MAX', async (t) => {
    const dir = scratch(t);
    const long = 'l'.repeat(246) + '.log';
    const f = write(dir, long, TEXT);
    let r = await nnzip(['-1', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.existsSync(f + '.nnz'), true);
    r = await nnzip(['-d', f + '.nnz']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(f), TEXT);
    for (const base of [long + '.nnz', 'é'.repeat(125) + '.nnz', 'x'.repeat(230)]) {
      const p = tempPrefix(base);
      const full = `${p}.4194304.abcdef.tmp`;
      assert.ok(Buffer.byteLength(full) <= 255, `${Buffer.byteLength(full)} bytes`);
      assert.equal(tempPrefix(base), p, 'the same name always gives the same prefix');
    }
    assert.notEqual(tempPrefix('a'.repeat(240) + '1'), tempPrefix('a'.repeat(240) + '2'));
    assert.equal(tempPrefix('short.nnz'), '.short.nnz');
  });
});

describe('file attributes', { concurrency: 2 }, () => {
  test('a time before 1970 is copied exactly, both ways', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'old.txt', TEXT);
    const when = new Date('1960-07-01T12:34:56Z');
    fs.utimesSync(f, when, when);
    let r = await nnzip(['-1', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.statSync(f + '.nnz').mtime.getTime(), when.getTime());
    r = await nnzip(['-d', f + '.nnz']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.statSync(f).mtime.getTime(), when.getTime());
  });

  test('set-user-ID and set-group-ID files are refused even with -f, sticky ones unless -f (as gzip 1.12)', async (t) => {
    const dir = scratch(t);
    const u = write(dir, 'u', TEXT);
    const g = write(dir, 'g', TEXT);
    const s = write(dir, 's', TEXT);
    fs.chmodSync(u, 0o4644);
    fs.chmodSync(g, 0o2644);
    fs.chmodSync(s, 0o1644);
    let r = await nnzip(['-1', u, g, s]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /u is set-user-ID on execution - ignored/);
    assert.match(r.stderr, /g is set-group-ID on execution - ignored/);
    assert.match(r.stderr, /s has the sticky bit set - file ignored/);
    r = await nnzip(['-1f', u, g, s]);
    assert.equal(r.code, 2);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['g', 'u', 's.nnz'].sort());
    assert.equal(fs.statSync(path.join(dir, 's.nnz')).mode & 0o7777, 0o644, 'permission bits only, as gzip');
    r = await nnzip(['-1c', u]);
    assert.equal(r.code, 0, 'reading one is fine');
  });
});

describe('signals our caller ignored stay ignored (issue 12.2)', { concurrency: 2 }, () => {
  const cases: [string, string, NodeJS.Signals, string | false][] = [
    ['nohup', 'exec nohup nnzip -9 big.log', 'SIGHUP', hasCommand('nohup') ? false : 'nohup is not installed'],
    ["trap '' INT", "trap '' INT; exec nnzip -9 big.log", 'SIGINT', false],
  ];
  for (const [name, script, sig, skip] of cases) {
    test(`${name}: ${sig} does not stop nnzip; the output is valid`, { skip }, async (t) => {
      const dir = scratch(t);
      write(dir, 'big.log', SLOW);
      const child = spawn('/bin/sh', ['-c', script], { cwd: dir, env: ENV, stdio: ['ignore', 'ignore', 'pipe'] });
      const done = exitOf(child);
      await tempAppears(dir);
      child.kill(sig); // exec: the shell's pid is nnzip's
      const r = await done;
      assert.equal(r.signal, null, r.stderr);
      assert.equal(r.code, 0, r.stderr);
      const d = await nnzip(['-dc', path.join(dir, 'big.log.nnz')]);
      assert.deepEqual(d.stdout, SLOW);
    });
  }
});

describe('Node.js too old (issue 10.6)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; bin: Record<string, string> };

  test('the bins say which Node they need and exit 1, before loading anything', (t) => {
    const dir = scratch(t);
    // No Node 18 here: a preload makes this one look like it.
    const fake = write(dir, 'node18.js', "Object.defineProperty(process, 'version', { value: 'v18.19.1' });\nObject.defineProperty(process.versions, 'node', { value: '18.19.1' });\n");
    for (const name of Object.keys(pkg.bin)) {
      const r = spawnSync(path.join(BIN, name), ['--version'], { env: { ...ENV, NODE_OPTIONS: `-r ${fake}` }, encoding: 'utf8' });
      assert.equal(r.status, 1, name);
      assert.equal(r.stdout, '', name);
      assert.equal(r.stderr, `${name}: needs Node.js >= 20.15 (this is v18.19.1)\n`);
    }
  });

  test('the minimum is the one package.json "engines" gives', () => {
    assert.equal(pkg.engines.node, `>=${MIN_NODE.join('.')}`);
  });
});
