/** nnzip --explain[=N] [--html] as a command: rows on standard output, no archive, plain and .nnz alike. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, UsageError } from '../../src/cli/args';
import { ENV, NNZIP, nnzip, ROOT, scratch, write } from '../cli/helpers';
import { plantedLog } from './helpers';

/** The line numbers of the rows printed by --explain (after the heading). */
function rowLines(out: string): number[] {
  return out
    .split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('nnzip --explain', { concurrency: 2 }, () => {
  test('parsing: --explain, --explain=N, --html; N only with =', () => {
    assert.equal(parseArgs([]).options.explain, undefined);
    assert.equal(parseArgs(['--explain']).options.explain, 20);
    assert.equal(parseArgs(['--explain=5', '--html']).options.explain, 5);
    assert.equal(parseArgs(['--expl=7']).options.explain, 7);
    assert.equal(parseArgs(['--explain', '--html']).options.html, true);
    assert.deepEqual(parseArgs(['--explain', '5']).files, ['5']);
    assert.throws(() => parseArgs(['--explain=']), UsageError);
    assert.equal(parseArgs(['--h']).options.help, true, '--h is still --help');
    assert.equal(parseArgs(['--ht']).options.html, true);
    assert.throws(() => parseArgs(['--html=1']), UsageError);
  });

  test('a file: the N most surprising lines, the planted ones first; nothing written; its .nnz gives the same rows', async (t) => {
    const dir = scratch(t);
    const log = plantedLog(11, 2500);
    const file = write(dir, 'app.log', log.text);
    const r = await nnzip(['--explain=8', file]);
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.toString();
    assert.match(out.split('\n')[0], /^\s*line\s+bits\s+bits\/B\s+score\s+text$/);
    const lines = rowLines(out);
    assert.equal(lines.length, 8);
    for (const p of log.planted) assert.ok(lines.slice(0, 5).includes(p), `line ${p} in the top 5: ${lines.join(', ')}`);
    assert.deepEqual(fs.readdirSync(dir), ['app.log']);

    assert.equal((await nnzip(['-k', file])).code, 0);
    const z = await nnzip(['--explain=8', file + '.nnz']);
    assert.equal(z.code, 0, z.stderr);
    assert.equal(z.stdout.toString(), out);
    // Standard input, and the default of 20 rows.
    const s = await nnzip(['--explain'], { input: fs.readFileSync(file + '.nnz') });
    assert.equal(s.code, 0, s.stderr);
    assert.equal(rowLines(s.stdout.toString()).length, 20);
    assert.deepEqual(rowLines(s.stdout.toString()).slice(0, 8), lines);
  });

  test('several files: a heading each; a missing one is an error and the others go on', async (t) => {
    const dir = scratch(t);
    const a = write(dir, 'a.log', plantedLog(12, 300).text);
    const b = write(dir, 'b.log', 'one line\n');
    const r = await nnzip(['--explain=3', a, path.join(dir, 'missing.log'), b]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /missing\.log: No such file or directory/);
    const out = r.stdout.toString();
    assert.ok(out.includes(`==> ${a} <==\n`) && out.includes(`==> ${b} <==\n`));
    assert.match(out, /\n\s+1\s+[0-9.]+\s+[0-9.]+\s+-?[0-9.]+\s+one line\n$/);
  });

  test('usage: --explain=N takes 1 and more, --html goes with --explain and one input', async (t) => {
    const dir = scratch(t);
    const a = write(dir, 'a.log', 'x\n');
    for (const args of [['--explain=0'], ['--explain=x'], ['--html', a]]) {
      const r = await nnzip(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /Try `nnzip --help'/);
    }
    const r = await nnzip(['--explain', '--html', a, a]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--html takes one input/);
    assert.match((await nnzip(['--help'])).stdout.toString(), /--explain\[=N\]/);
  });

  test('--html: one self-contained page', async (t) => {
    const dir = scratch(t);
    const log = plantedLog(13, 1500);
    const file = write(dir, 'app.log', log.text);
    const r = await nnzip(['--explain=5', '--html', file]);
    assert.equal(r.code, 0, r.stderr);
    const page = r.stdout.toString();
    assert.match(page, /^<!DOCTYPE html>/);
    assert.ok(!/\b(src|href)="(https?:)?\/\//.test(page), 'nothing fetched from elsewhere');
    assert.ok(!/<link\b/.test(page));
    for (const p of log.planted) assert.ok(page.includes(`id="L${p}"`), `line ${p} in the text`);
    assert.match(page, /<svg id="curve"/);
  });

  test('a plain run loads none of --explain', (t) => {
    const dir = scratch(t);
    const list = path.join(dir, 'modules.txt');
    const probe = write(dir, 'probe.js', `process.on('exit', () => require('fs').writeFileSync(process.env.NNZIP_TEST_MODULES, Object.keys(require.cache).join('\\n')));\n`);
    const r = spawnSync(NNZIP, ['-c'], { input: 'a line\n', env: { ...ENV, NODE_OPTIONS: `--require ${probe}`, NNZIP_TEST_MODULES: list } });
    assert.equal(r.status, 0);
    const modules = fs.readFileSync(list, 'utf8').split('\n').map((m) => path.relative(ROOT, m));
    assert.ok(modules.some((m) => m.startsWith('dist/src/cli/')));
    assert.deepEqual(modules.filter((m) => m.startsWith('dist/src/insight/')), []);
  });
});
