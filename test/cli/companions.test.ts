/** nngrep (zgrep's counterpart), nnless and nnmore, run as users run them. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { BIN, hasCommand, logText, pack, run, scratch, write } from './helpers';
import { parseGrepArgs } from '../../src/cli/grep';

const NNGREP = path.join(BIN, 'nngrep');
const A = 'alpha ERROR one\nbeta ok\ngamma error two\n';
const B = 'delta ok\nepsilon ERROR three\n';

describe('nngrep', { concurrency: 4 }, () => {
  test('finds lines in .nnz files and plain files; file names as zgrep gives them (-H for several, -h)', async (t) => {
    const dir = scratch(t);
    write(dir, 'a.log.nnz', pack(A));
    write(dir, 'b.log', B);
    const opts = { cwd: dir };
    let r = await run(NNGREP, ['ERROR', 'a.log.nnz'], opts);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.toString(), 'alpha ERROR one\n', 'one file: no name');
    r = await run(NNGREP, ['ERROR', 'a.log.nnz', 'b.log'], opts);
    assert.equal(r.stdout.toString(), 'a.log.nnz:alpha ERROR one\nb.log:epsilon ERROR three\n');
    r = await run(NNGREP, ['-h', 'ERROR', 'a.log.nnz', 'b.log'], opts);
    assert.equal(r.stdout.toString(), 'alpha ERROR one\nepsilon ERROR three\n');
    r = await run(NNGREP, ['-H', 'beta', 'a.log.nnz'], opts);
    assert.equal(r.stdout.toString(), 'a.log.nnz:beta ok\n');
    r = await run(NNGREP, ['-H', 'beta'], { ...opts, input: pack(A) });
    assert.equal(r.stdout.toString(), '(standard input):beta ok\n');
  });

  test('-c, -i, -l, -n, -e and grep options with arguments', async (t) => {
    const dir = scratch(t);
    write(dir, 'a.nnz', pack(A));
    write(dir, 'b.nnz', pack(B));
    const opts = { cwd: dir };
    assert.equal((await run(NNGREP, ['-c', 'ERROR', 'a.nnz', 'b.nnz'], opts)).stdout.toString(), 'a.nnz:1\nb.nnz:1\n');
    assert.equal((await run(NNGREP, ['-ic', 'error', 'a.nnz'], opts)).stdout.toString(), '2\n');
    assert.equal((await run(NNGREP, ['-l', 'epsilon', 'a.nnz', 'b.nnz'], opts)).stdout.toString(), 'b.nnz\n');
    assert.equal((await run(NNGREP, ['-n', '-e', 'gamma', '-e', 'delta', 'a.nnz', 'b.nnz'], opts)).stdout.toString(), 'a.nnz:3:gamma error two\nb.nnz:1:delta ok\n');
    assert.equal((await run(NNGREP, ['-m', '1', '-i', 'error', 'a.nnz'], opts)).stdout.toString(), 'alpha ERROR one\n');
    assert.equal((await run(NNGREP, ['-A1', 'alpha', 'a.nnz'], opts)).stdout.toString(), 'alpha ERROR one\nbeta ok\n');
  });

  test("exit status as grep's: 0 a match, 1 none, 2 an error (which outranks a match)", async (t) => {
    const dir = scratch(t);
    write(dir, 'a.nnz', pack(A));
    const bad = Buffer.from(pack(logText(3000)));
    bad[40] ^= 0x40;
    write(dir, 'bad.nnz', bad);
    const opts = { cwd: dir };
    assert.equal((await run(NNGREP, ['alpha', 'a.nnz'], opts)).code, 0);
    assert.equal((await run(NNGREP, ['nothing-like-it', 'a.nnz'], opts)).code, 1);
    let r = await run(NNGREP, ['alpha', 'a.nnz', 'missing.nnz'], opts);
    assert.equal(r.code, 2);
    assert.equal(r.stdout.toString(), 'a.nnz:alpha ERROR one\n');
    assert.match(r.stderr, /^nngrep: missing\.nnz: No such file or directory$/m);
    r = await run(NNGREP, ['2024', 'bad.nnz'], opts);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^nngrep: bad\.nnz: /m);
    r = await run(NNGREP, ['-r', 'x', '.'], opts);
    assert.equal(r.code, 2, 'no -r, as zgrep');
    assert.match(r.stderr, /-r: option not supported/);
  });

  test('the grep options are told from the pattern and the files', () => {
    let a = parseGrepArgs(['-inA3', 'pat', 'f1', '-c', 'f2']);
    assert.deepEqual([a.options, a.pattern, a.files], [['-inA3', '-c'], 'pat', ['f1', 'f2']]);
    a = parseGrepArgs(['-e', 'p', '--max-count', '2', '--label=x', 'f']);
    assert.deepEqual([a.options, a.pattern, a.files], [['-e', 'p', '--max-count', '2', '--label=x'], null, ['f']]);
    a = parseGrepArgs(['-h', '--', '-pat-', 'f']);
    assert.deepEqual([a.options, a.pattern, a.files, a.withFilename], [['-h'], '-pat-', ['f'], false]);
  });
});

describe('nnless and nnmore', { concurrency: 2 }, () => {
  test('nnless shows .nnz files decompressed and plain files as they are', { skip: hasCommand('less') ? false : 'less is not installed' }, async (t) => {
    const dir = scratch(t);
    write(dir, 'a.nnz', pack(A));
    write(dir, 'b', B);
    // Off a terminal, less copies its files to standard output, through LESSOPEN.
    const r = await run(path.join(BIN, 'nnless'), ['a.nnz', 'b'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.toString(), A + B);
  });

  test('nnmore, with a header per file when there are several', { skip: hasCommand('more') ? false : 'more is not installed' }, async (t) => {
    const dir = scratch(t);
    write(dir, 'a.nnz', pack(A));
    write(dir, 'b', B);
    const r = await run(path.join(BIN, 'nnmore'), ['a.nnz', 'b'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.toString(), `------> a.nnz <------\n${A}------> b <------\n${B}`);
  });
});
