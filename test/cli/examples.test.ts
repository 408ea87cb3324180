/**
 * The shell examples in examples/ run as documented, so they cannot rot:
 * every script is run, and what it prints (the files it made, listed by ls
 * and find; sizes from -l; grep's matches; the round trips' verdicts) is
 * checked, not only its exit status. Each works in a temporary folder it
 * removes, so its output is all there is to look at. Compressed sizes and
 * ratios belong to the model, not to the examples: they are masked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasCommand, ROOT, run } from './helpers';

const dir = path.join(ROOT, 'examples');

/** `seq a b`'s byte count, for the uncompressed column of -l. */
function seqBytes(from: number, to: number, prefix = ''): number {
  let n = 0;
  for (let i = from; i <= to; i++) n += prefix.length + String(i).length + 1;
  return n;
}

/** Masks what the model decides: -l's compressed column and ratio, -v's saving and bits per byte. */
function mask(text: string): string {
  return text
    .replace(/^ *\d+( +\d+) +-?\d+\.\d%( .*)$/gm, (_m, b: string, c: string) => `C${b} R%${c}`)
    .replace(/:\t +-?\d+\.\d% \(\d+\.\d+ bits\/byte\)/g, ':\tR% (B bits/byte)');
}

/** -l's header, as gzip spaces it. */
const LIST_HEADER = '         compressed        uncompressed  ratio uncompressed_name';
/** One masked -l line for `bytes` uncompressed (the column as wide as gzip's). */
const listed = (bytes: number, name: string) => `C ${String(bytes).padStart(19)} R% ${name}`;

interface Expected {
  /** A command the script needs, and why it may be missing. */
  needs?: string;
  stdout: string[];
  stderr?: string[];
}

const EXPECTED: Record<string, Expected> = {
  'files.sh': {
    stdout: [
      LIST_HEADER,
      listed(seqBytes(1, 500), 'a.txt'),
      listed(seqBytes(500, 1000), 'b.txt'),
      listed(seqBytes(1, 500) + seqBytes(500, 1000), '(totals)'),
      'a.txt',
      'b.txt',
      'b.txt.nnz',
      'exit status 2: b.txt.nnz exists and is not overwritten without -f',
      'a.txt',
      'b.txt.nnz',
      'c.txt.nz',
    ],
    stderr: [
      'a.txt:\tR% (B bits/byte) -- replaced with a.txt.nnz',
      'b.txt:\tR% (B bits/byte) -- replaced with b.txt.nnz',
      'nnzip: b.txt.nnz already exists; not overwritten',
    ],
  },
  'find-exec.sh': {
    stdout: [
      'logs/old/day1.log.nnz',
      'logs/old/day2.log.nnz',
      'logs/old/day3.log.nnz',
      LIST_HEADER,
      listed(seqBytes(1, 100), 'logs/old/day1.log'),
      listed(seqBytes(1, 200), 'logs/old/day2.log'),
      listed(seqBytes(1, 300), 'logs/old/day3.log'),
      listed(seqBytes(1, 100) + seqBytes(1, 200) + seqBytes(1, 300), '(totals)'),
      'logs/old/day1.log',
      'logs/old/day2.log',
      'logs/old/day3.log',
    ],
  },
  'grep.sh': {
    needs: 'grep',
    stdout: [
      // Lines 50, 100, ..., 300 of each file are POSTs: 6 per file, compressed or not.
      'access.log.1.nnz:6',
      'access.log.2.nnz:6',
      'access.log.3:6',
      'day1 POST /item/150',
      'day2 POST /item/150',
      'day3 POST /item/150',
      'no match: status 1',
      'day1 GET /item/1',
      'day1 GET /item/2',
    ],
  },
  'pipes.sh': {
    stdout: [
      'line 2000',
      LIST_HEADER,
      listed(seqBytes(1, 2000, 'line '), 'numbers.txt'),
      'integrity OK',
      'first',
      'second',
      'line 1',
      'line 2',
      'line 1',
    ],
  },
  'tar.sh': {
    needs: 'tar',
    // `diff -r` of the extracted tree against the original, then the verdict.
    stdout: ['project/', 'project/src/', 'project/src/data.txt', 'project/README', 'tar round trip OK'],
  },
  'logrotate.sh': {
    needs: 'logrotate',
    // Rotated, compressed with -9 by nnzip, and the original gone.
    stdout: ['app.log.1.nnz', 'rotate.conf', 'state', LIST_HEADER, listed(seqBytes(1, 3000, 'GET /index.html 200 '), 'app.log.1')],
  },
};

/** GNU tar's -I is what tar.sh shows; another tar would fail it for a reason that is not ours. */
function gnuTar(): boolean {
  try {
    return execFileSync('tar', ['--version'], { encoding: 'utf8' }).includes('GNU tar');
  } catch {
    return false;
  }
}

function skipReason(e: Expected | undefined): string | false {
  if (e?.needs === undefined) return false;
  if (!hasCommand(e.needs)) return `${e.needs} is not installed${e.needs === 'logrotate' ? ' (.ci/run installs it)' : ''}`;
  if (e.needs === 'tar' && !gnuTar()) return 'tar is not GNU tar';
  return false;
}

const scripts = fs.readdirSync(dir).filter((n) => n.endsWith('.sh')).sort();

test('every script in examples/ has its expected output here', () => {
  assert.deepEqual(scripts, Object.keys(EXPECTED).sort());
});

for (const name of scripts) {
  const expected = EXPECTED[name];
  test(`examples/${name}`, { skip: skipReason(expected) }, async () => {
    const r = await run('/bin/sh', [path.join(dir, name)]);
    assert.equal(r.code, 0, `${name} failed:\n${r.stderr}\n${r.stdout}`);
    assert.deepEqual(mask(r.stdout.toString('utf8')).split('\n'), [...expected.stdout, ''], `${name}: standard output`);
    assert.deepEqual(mask(r.stderr).split('\n'), [...(expected.stderr ?? []), ''], `${name}: standard error`);
  });
}

test('examples/logrotate.conf uses the settings the logrotate test checks', () => {
  const conf = fs.readFileSync(path.join(dir, 'logrotate.conf'), 'utf8');
  for (const line of ['compress', 'compresscmd ', 'compressoptions -9', 'compressext .nnz']) assert.ok(conf.includes(line), line);
});
