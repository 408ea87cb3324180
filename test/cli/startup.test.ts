/**
 * Start-up diet (issue 11): what a run loads is what it needs. The figures
 * are the bench's (no timing here); these tests hold the structure that
 * gives them: no model for an empty stream, the compressor's modules only
 * when compressing and the decompressor's only when decompressing, and
 * neither Pumpify (the library's one-duplex wrapper) nor cli-progress for a
 * plain run. The modules a command loaded are read from
 * require.cache at exit, by a preload script given in NODE_OPTIONS. The
 * commands normally run from the build's bundle of the same modules
 * (code-cache.test.ts), which keeps each require() where it is, lazy or
 * not; NNZIP_NO_BUNDLE=1 loads them one by one, so the probe sees them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENV, NNUNZIP, NNZIP, pack, ROOT, scratch, write } from './helpers';

/** Runs `argv` with `input` on stdin; returns the exit status and the loaded module files, relative to the repository. */
function loaded(dir: string, argv: string[], input: Buffer): { code: number | null; stdout: Buffer; modules: string[] } {
  const list = path.join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const probe = write(
    dir,
    'probe.js',
    `process.on('exit', () => require('fs').writeFileSync(process.env.NNZIP_TEST_MODULES, Object.keys(require.cache).join('\\n')));\n`,
  );
  const r = spawnSync(argv[0], argv.slice(1), {
    input,
    env: { ...ENV, NODE_OPTIONS: `--require ${probe}`, NNZIP_TEST_MODULES: list, NNZIP_NO_BUNDLE: '1' },
  });
  const modules = fs
    .readFileSync(list, 'utf8')
    .split('\n')
    .filter((m) => m !== '')
    .map((m) => path.relative(ROOT, fs.realpathSync(m)));
  return { code: r.status, stdout: r.stdout, modules };
}

const NODE_MODULES = /(^|\/)node_modules\//;
/** The model's modules (presets.js, the level table, is what a header needs). */
const MODEL = /^dist\/src\/model\/(?!presets\.js$)/;
const ENCODING = /^dist\/src\/(coder\/encoder|stream\/encode-stage|stream\/sentence-splitter|stream\/framer)\.js$/;
const DECODING = /^dist\/src\/(coder\/decoder|stream\/decode-stage|stream\/deframer|format\/reader)\.js$/;
/** Only for -l, a progress bar or a -v line. */
const OCCASIONAL = /^dist\/src\/cli\/(list|listing|progress)\.js$/;
/** The library's duplex streams: the commands run the stages themselves. */
const LIBRARY_STREAMS = /^dist\/src\/stream\/(compressor|decompressor|nnzip-duplex)\.js$/;

function none(modules: string[], pattern: RegExp, what: string): void {
  const hits = modules.filter((m) => pattern.test(m));
  assert.deepEqual(hits, [], `${what} loaded`);
}

describe('start-up: a run loads what it needs', { concurrency: 2 }, () => {
  test('nnzip -c of nothing: no model, no decoder, no Pumpify', (t) => {
    const dir = scratch(t);
    const r = loaded(dir, [NNZIP, '-c'], Buffer.alloc(0));
    assert.equal(r.code, 0);
    assert.equal(r.stdout.length, 25); // header + end record
    assert.ok(r.modules.some((m) => ENCODING.test(m)), 'the probe sees the encoding stages');
    none(r.modules, MODEL, 'the model');
    none(r.modules, DECODING, 'the decoder');
    none(r.modules, NODE_MODULES, 'a dependency');
    none(r.modules, OCCASIONAL, 'a module of -l / -v / the bar');
    none(r.modules, LIBRARY_STREAMS, 'the library duplex');
  });

  test('nnunzip -c of an empty stream: no model, no encoder', (t) => {
    const dir = scratch(t);
    const r = loaded(dir, [NNUNZIP, '-c'], pack(''));
    assert.equal(r.code, 0);
    assert.equal(r.stdout.length, 0);
    assert.ok(r.modules.some((m) => DECODING.test(m)), 'the probe sees the decoding stages');
    none(r.modules, MODEL, 'the model');
    none(r.modules, ENCODING, 'the encoder');
    none(r.modules, NODE_MODULES, 'a dependency');
    none(r.modules, LIBRARY_STREAMS, 'the library duplex');
  });

  test('one line each way: the model, and only its direction', (t) => {
    const dir = scratch(t);
    const line = Buffer.from('2026-11-29 22:41:19 host kernel: eth0 link up\n');
    const c = loaded(dir, [NNZIP, '-c'], line);
    assert.equal(c.code, 0);
    assert.ok(c.modules.some((m) => MODEL.test(m)), 'the model is loaded');
    none(c.modules, DECODING, 'the decoder');
    none(c.modules, NODE_MODULES, 'a dependency');
    none(c.modules, OCCASIONAL, 'a module of -l / -v / the bar');
    const d = loaded(dir, [NNUNZIP, '-c'], c.stdout);
    assert.equal(d.code, 0);
    assert.deepEqual(d.stdout, line);
    assert.ok(d.modules.some((m) => MODEL.test(m)), 'the model is loaded');
    none(d.modules, ENCODING, 'the encoder');
    none(d.modules, NODE_MODULES, 'a dependency');
  });

  test("require('nnzip') loads no stream, coder or model", (t) => {
    const dir = scratch(t);
    const r = loaded(dir, [process.execPath, '-e', `require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'))})`], Buffer.alloc(0));
    assert.equal(r.code, 0);
    none(r.modules, /^dist\/src\/(stream|coder)\//, 'a stream or coder module');
    none(r.modules, MODEL, 'the model');
    none(r.modules, NODE_MODULES, 'a dependency');
  });
});
