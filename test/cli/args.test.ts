/** The option parser in-process: gzip's spellings, grouping and errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultOptions, parseArgs, UsageError } from '../../src/cli/args';

test('combined short flags and digits: -dc, -9c, -1kv', () => {
  let { options: o, files } = parseArgs(['-dc', 'a.nnz']);
  assert.equal(o.decompress, true);
  assert.equal(o.stdout, true);
  assert.deepEqual(files, ['a.nnz']);
  o = parseArgs(['-9c']).options;
  assert.equal(o.level, 9);
  assert.equal(o.stdout, true);
  o = parseArgs(['-1kv', '-f']).options;
  assert.equal(o.level, 1);
  assert.equal(o.keep, true);
  assert.equal(o.force, true);
  assert.equal(o.verbosity, 2);
  // The last level wins, as in gzip.
  assert.equal(parseArgs(['-3', '--best', '-5']).options.level, 5);
  assert.equal(parseArgs(['--fast']).options.level, 1);
  assert.equal(parseArgs(['--best']).options.level, 9);
});

test('long options, their aliases and unique prefixes', () => {
  const o = parseArgs(['--decomp', '--to-stdout', '--keep', '--force', '--test', '--list', '--recursive', '--silent']).options;
  assert.equal(o.decompress && o.stdout && o.keep && o.force && o.test && o.list && o.recursive, true);
  assert.equal(o.verbosity, 0);
  assert.equal(parseArgs(['--uncompress']).options.decompress, true);
  assert.equal(parseArgs(['--stdout']).options.stdout, true);
  assert.equal(parseArgs(['--help']).options.help, true);
  assert.equal(parseArgs(['-V']).options.version, true);
  assert.equal(parseArgs(['--vers']).options.version, true);
  // --ver could be --verbose or --version
  assert.throws(() => parseArgs(['--ver']), (e: Error) => e instanceof UsageError && /ambiguous/.test(e.message));
  assert.throws(() => parseArgs(['--frobnicate']), UsageError);
  assert.throws(() => parseArgs(['--keep=yes']), /doesn't allow an argument/);
});

test('-S takes the next argument or the rest of the group; --suffix=SUF', () => {
  assert.equal(parseArgs(['-S', '.x', 'f']).options.suffix, '.x');
  assert.deepEqual(parseArgs(['-S', '.x', 'f']).files, ['f']);
  assert.equal(parseArgs(['-kS.y']).options.suffix, '.y');
  assert.equal(parseArgs(['--suffix=.z']).options.suffix, '.z');
  assert.equal(parseArgs(['--suffix', '.w']).options.suffix, '.w');
  assert.equal(parseArgs([]).options.suffix, '.nnz');
  assert.throws(() => parseArgs(['-S']), /requires an argument/);
  assert.throws(() => parseArgs(['-S', 'a/b']), /invalid suffix/);
});

test('operands: "-" is a file name, "--" ends options, order is kept', () => {
  const { files } = parseArgs(['b', '-', '-k', '--', '-d', 'a']);
  assert.deepEqual(files, ['b', '-', '-d', 'a']);
});

test('invalid short options and -0 are usage errors', () => {
  assert.throws(() => parseArgs(['-x']), /invalid option -- 'x'/);
  assert.throws(() => parseArgs(['-d0']), /invalid option -- '0'/);
});

test('gzip options without meaning here are accepted; -a and --rsyncable are noted', () => {
  const o = parseArgs(['-n', '-N', '--synchronous', '--rsyncable', '-a']).options;
  assert.deepEqual(o.ignored, ['--rsyncable', '-a']);
});

test('the aliases start from their own defaults', () => {
  const base = defaultOptions();
  base.decompress = true;
  base.stdout = true;
  const o = parseArgs(['-f'], base).options;
  assert.equal(o.decompress && o.stdout && o.force, true);
});

test('loading the CLI loads neither cli-progress nor tfjs (start-up stays fast)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../src/cli/main');
  const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\/](cli-progress|@tensorflow)[\\/]/.test(k));
  assert.deepEqual(loaded, []);
});
