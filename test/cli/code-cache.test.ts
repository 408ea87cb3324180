/**
 * The commands run from the build's bundle and keep V8's code of it in a
 * per-user cache (src/cli/code-cache.ts). The cache may only ever save time:
 * these tests hold where it goes (never the working directory), that a
 * damaged, foreign or unwritable cache changes nothing a user sees, and that
 * a run without the bundle works as well. (What it saves is a bench figure.)
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUNDLE, cacheDir, cacheProfile } from '../../src/cli/code-cache';
import { decompressSync } from '../../src/index';
import { NNUNZIP, NNZIP, ROOT, run, scratch } from './helpers';

const LINE = '2026-11-30 04:10:00 host sshd[4242]: Accepted publickey for deploy from 10.0.0.7 port 52211\n';
const cacheName = (profile: string) => `${profile}-${process.version}-${process.arch}.cache`;

/** Compresses LINE with `env` (in `cwd`), checks the output and a silent run. */
async function compressLine(env: NodeJS.ProcessEnv, cwd?: string, bin = NNZIP): Promise<void> {
  const r = await run(bin, ['-c'], { input: LINE, env, cwd });
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(decompressSync(r.stdout).toString(), LINE);
}

function isCacheFile(file: string): boolean {
  const b = fs.readFileSync(file);
  return b.length > 20 && b.toString('latin1', 0, 4) === 'NNZC';
}

describe('code cache of the commands', { concurrency: 2 }, () => {
  test('the build wrote the bundle', () => {
    assert.ok(fs.statSync(BUNDLE).size > 0, BUNDLE);
  });

  test('goes under NODE_COMPILE_CACHE, private, one file per direction, nothing in the working directory', async (t) => {
    const dir = scratch(t);
    const work = path.join(dir, 'work');
    fs.mkdirSync(work);
    const env = { NODE_COMPILE_CACHE: path.join(dir, 'cc') };
    await compressLine(env, work);
    const own = path.join(dir, 'cc', 'nnzip');
    assert.deepEqual(fs.readdirSync(own), [cacheName('nnzip')]);
    assert.equal(fs.statSync(own).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(own, cacheName('nnzip'))).mode & 0o777, 0o600);
    assert.ok(isCacheFile(path.join(own, cacheName('nnzip'))));
    const packed = (await run(NNZIP, ['-c'], { input: LINE, env, cwd: work })).stdout;
    const d = await run(NNUNZIP, ['-c'], { input: packed, env, cwd: work });
    assert.equal(d.stdout.toString(), LINE);
    assert.deepEqual(fs.readdirSync(own).sort(), [cacheName('nnunzip'), cacheName('nnzip')]);
    assert.deepEqual(fs.readdirSync(work), []);
  });

  test('a damaged, foreign or rejected cache file is ignored and replaced', async (t) => {
    const dir = scratch(t);
    const env = { NODE_COMPILE_CACHE: path.join(dir, 'cc') };
    await compressLine(env);
    const file = path.join(dir, 'cc', 'nnzip', cacheName('nnzip'));
    const good = fs.readFileSync(file);
    const { crc32 } = require('node:zlib') as { crc32: (b: Uint8Array) => number };
    const garbage = Buffer.alloc(good.length - 20, 0x5a);
    const otherBundle = Buffer.from(good);
    otherBundle.writeUInt32LE((good.readUInt32LE(12) + 1) >>> 0, 12);
    // Whole by its own check, but not V8's code: V8 rejects it.
    const rejected = Buffer.concat([good.subarray(0, 20), garbage]);
    rejected.writeUInt32LE(crc32(garbage) >>> 0, 16);
    const cases: [string, Buffer][] = [
      ['garbage', Buffer.from('not a cache at all')],
      ['truncated', good.subarray(0, good.length >> 1)],
      ['of another bundle', otherBundle],
      ['rejected by V8', rejected],
    ];
    for (const [what, bytes] of cases) {
      fs.writeFileSync(file, bytes);
      await compressLine(env);
      assert.ok(isCacheFile(file) && !fs.readFileSync(file).equals(bytes), `${what}: not replaced`);
    }
  });

  test('no cache where it cannot or should not be written, and the run is the same', async (t) => {
    const dir = scratch(t);
    // A file where the directory would be: nothing can be created under it.
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'x');
    await compressLine({ NODE_COMPILE_CACHE: blocker });
    assert.equal(fs.readFileSync(blocker, 'utf8'), 'x');
    // Node's switch to turn compile caches off.
    await compressLine({ NODE_COMPILE_CACHE: path.join(dir, 'off'), NODE_DISABLE_COMPILE_CACHE: '1' });
    assert.ok(!fs.existsSync(path.join(dir, 'off')));
    // A directory others may write to: code read from it would not be ours alone.
    const shared = path.join(dir, 'shared', 'nnzip');
    fs.mkdirSync(shared, { recursive: true });
    fs.chmodSync(shared, 0o777);
    await compressLine({ NODE_COMPILE_CACHE: path.join(dir, 'shared') });
    assert.deepEqual(fs.readdirSync(shared), []);
    // Without the bundle (NNZIP_NO_BUNDLE): the modules one by one, no cache.
    await compressLine({ NODE_COMPILE_CACHE: path.join(dir, 'unbundled'), NNZIP_NO_BUNDLE: '1' });
    assert.ok(!fs.existsSync(path.join(dir, 'unbundled')));
  });

  test('a bundle older than the modules (tsc ran after the build) is not run', async (t) => {
    const dir = scratch(t);
    // A copy of the package's commands, so that the tree under test is left alone.
    fs.cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'dist', 'src'), path.join(dir, 'dist', 'src'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    const bundle = path.join(dir, 'dist', 'src', 'cli', 'bundle.cjs');
    const old = new Date(Date.now() - 3600_000);
    fs.utimesSync(bundle, old, old);
    const env = { NODE_COMPILE_CACHE: path.join(dir, 'cc') };
    await compressLine(env, undefined, path.join(dir, 'bin', 'nnzip'));
    assert.ok(!fs.existsSync(path.join(dir, 'cc')), 'the stale bundle ran');
    fs.utimesSync(bundle, new Date(), new Date());
    await compressLine(env, undefined, path.join(dir, 'bin', 'nnzip'));
    assert.ok(fs.existsSync(path.join(dir, 'cc', 'nnzip', cacheName('nnzip'))), 'the bundle did not run');
  });

  test('where: Node switches first, else a directory of this user under the temporary directory', () => {
    assert.equal(cacheDir({ NODE_DISABLE_COMPILE_CACHE: '1', NODE_COMPILE_CACHE: '/x' }), null);
    assert.equal(cacheDir({ NODE_COMPILE_CACHE: '/var/cache/node' }), path.join('/var/cache/node', 'nnzip'));
    assert.equal(cacheDir({ NODE_COMPILE_CACHE: 'rel' }), path.join(process.cwd(), 'rel', 'nnzip'));
    const def = cacheDir({});
    assert.ok(def !== null && path.dirname(def) === os.tmpdir() && def.endsWith(`-${process.getuid?.() ?? 'user'}`), String(def));
  });

  test('a cache per direction, guessed from the program and its flags', () => {
    assert.equal(cacheProfile('nnzip', ['-c', 'f.log']), 'nnzip');
    assert.equal(cacheProfile('nnzip', ['-9', '-T2', '--keep', '-S', '.tld']), 'nnzip');
    for (const argv of [['-d'], ['-dc', 'x'], ['-cd'], ['-t'], ['-qt'], ['-l'], ['--decompress'], ['--test'], ['--list']]) {
      assert.equal(cacheProfile('nnzip', argv), 'nnunzip', argv.join(' '));
    }
    assert.equal(cacheProfile('nnunzip', []), 'nnunzip');
    assert.equal(cacheProfile('nncat', []), 'nnunzip');
    assert.equal(cacheProfile('nngrep', ['ERROR']), 'nngrep');
  });
});
