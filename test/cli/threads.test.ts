/**
 * -T N / --threads=N (xz's spelling; -T0 = every core): parsed as xz does,
 * and the bytes never depend on it, either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync, decompressSync } from '../../src/index';
import { parseArgs, UsageError } from '../../src/cli/args';
import { logText, nnzip, NNCAT, NNUNZIP, run } from './helpers';

test('-T N, -TN, --threads=N, --threads N, grouped (-kT2); 0 is every core', () => {
  assert.equal(parseArgs([]).options.threads, undefined);
  assert.equal(parseArgs(['-T0']).options.threads, 0);
  assert.equal(parseArgs(['-T', '2']).options.threads, 2);
  assert.equal(parseArgs(['--threads=3']).options.threads, 3);
  assert.equal(parseArgs(['--threads', '4']).options.threads, 4);
  assert.equal(parseArgs(['--thr=5']).options.threads, 5);
  const { options: o, files } = parseArgs(['-kT2', 'f']);
  assert.equal(o.keep, true);
  assert.equal(o.threads, 2);
  assert.deepEqual(files, ['f']);
  for (const bad of [['-T'], ['-Tx'], ['-T', '-1'], ['--threads=257'], ['--threads=1.5'], ['--threads']]) {
    assert.throws(() => parseArgs(bad), UsageError, bad.join(' '));
  }
});

test('nnzip -c -T1 / -T2 / -T0 write the same bytes; nnunzip -T2 and nncat -T0 decode blocks', async () => {
  const text = logText(60_000, 9);
  const outs = [];
  for (const t of ['-T1', '-T2', '-T0']) {
    const r = await nnzip(['-c', t], { input: text });
    assert.equal(r.code, 0, r.stderr);
    outs.push(r.stdout);
  }
  assert.ok(outs[1].equals(outs[0]) && outs[2].equals(outs[0]));
  assert.ok(decompressSync(outs[0]).equals(text));
  // A stream of many blocks (the library's advanced option): the command's decoder uses workers for them.
  const blocks = compressSync(text, { level: 1, tableBits: 12, frameSize: 3000, blockBytes: 12_000, primeBytes: 3000 });
  for (const [bin, args] of [[NNUNZIP, ['-c', '-T2']], [NNCAT, ['-T0']], [NNUNZIP, ['-c', '--threads=1']]] as const) {
    const r = await run(bin, [...args], { input: blocks });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.equals(text), `${args.join(' ')}`);
  }
  const damaged = Buffer.from(blocks);
  damaged[Math.floor(blocks.length / 2)] ^= 0x40;
  const one = await run(NNUNZIP, ['-c', '-T1'], { input: damaged });
  const two = await run(NNUNZIP, ['-c', '-T2'], { input: damaged });
  assert.equal(two.code, 1);
  assert.equal(two.code, one.code);
  assert.equal(two.stderr, one.stderr);
  assert.ok(two.stdout.equals(one.stdout) && text.subarray(0, two.stdout.length).equals(two.stdout));
});

test('--help tells of -T', async () => {
  const r = await nnzip(['--help']);
  assert.match(r.stdout.toString(), /-T, --threads=N/);
});
