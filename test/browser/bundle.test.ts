/**
 * The browser bundle (dist/browser/nnzip-decoder.mjs, made by `npm run
 * build`) without a browser: imported by a Node that has neither Buffer nor
 * process.getBuiltinModule (so neither zlib's CRC-32 nor the table file),
 * it decodes every golden vector to its original bytes, and damaged input
 * to an NnzipError. The Chromium test (decoder.test.ts) runs it for real.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, GOLDEN } from './paths';

interface Vector {
  compressed: string;
  originalSha256: string;
  originalSize: number;
}

/** Every vector of the manifest, the legacy ones (older formats and models) included. */
function vectors(): Vector[] {
  const m = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'manifest.json'), 'utf8')) as { vectors: Vector[]; legacy?: Vector[] };
  return [...m.vectors, ...(m.legacy ?? [])];
}

test('the bundle has no Node built-in, no require, and names no Buffer of its own', () => {
  assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`);
  const text = fs.readFileSync(BUNDLE, 'utf8');
  assert.doesNotMatch(text, /\bfrom\s*["']node:|\bimport\s*\(\s*["']node:|\brequire\s*\(\s*["']/);
  assert.match(text, /^export \{/m);
});

test('without Buffer and zlib, the bundle decodes every golden vector; damage is an NnzipError', () => {
  const script = `
    import { createHash } from 'node:crypto';
    import { readFileSync } from 'node:fs';
    Object.defineProperty(globalThis, 'Buffer', { value: undefined, configurable: true, writable: true });
    process.getBuiltinModule = undefined;
    const { decompress, StreamDecoder } = await import(process.argv[2]);
    const results = [];
    for (const file of JSON.parse(process.argv[1])) {
      const input = new Uint8Array(readFileSync(file));
      const out = decompress(input);
      // The same bytes when fed in small pieces.
      const pieces = [];
      const d = new StreamDecoder();
      for (let at = 0; at < input.length; at += 977) d.push(input.subarray(at, at + 977), (b) => pieces.push(b));
      d.end();
      const hash = (parts) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');
      results.push({ file, type: out.constructor.name, sha256: hash([out]), piecewise: hash(pieces) });
    }
    const bad = new Uint8Array(readFileSync(JSON.parse(process.argv[1])[0]));
    bad[bad.length >> 1] ^= 0x10;
    let error = null;
    try { decompress(bad); } catch (e) { error = { name: e.name, code: e.code }; }
    let typeError = null;
    try { decompress('text'); } catch (e) { typeError = e.code; }
    const fromArrayBuffer = decompress(Uint8Array.from(readFileSync(JSON.parse(process.argv[1])[0])).buffer).length;
    console.log(JSON.stringify({ results, error, typeError, fromArrayBuffer }));
  `;
  const list = vectors();
  const files = list.map((v) => path.join(GOLDEN, v.compressed));
  // A multi-block vector first: the damaged one.
  files.sort((a, b) => Number(b.endsWith('runs-blocks.nnz')) - Number(a.endsWith('runs-blocks.nnz')));
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files), pathToFileURL(BUNDLE).href], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const { results, error, typeError, fromArrayBuffer } = JSON.parse(r.stdout) as {
    typeError: string | null;
    fromArrayBuffer: number;
    results: { file: string; type: string; sha256: string; piecewise: string }[];
    error: { name: string; code: string } | null;
  };
  assert.equal(results.length, list.length);
  for (const res of results) {
    const v = list.find((x) => path.join(GOLDEN, x.compressed) === res.file)!;
    assert.equal(res.type, 'Uint8Array', res.file);
    assert.equal(res.sha256, v.originalSha256, res.file);
    assert.equal(res.piecewise, v.originalSha256, `${res.file} in pieces`);
  }
  assert.equal(typeError, 'ERR_NNZIP_INVALID_ARG_TYPE');
  assert.equal(fromArrayBuffer, list.find((v) => v.compressed === 'runs-blocks.nnz')!.originalSize, 'an ArrayBuffer in');
  assert.equal(error?.name, 'NnzipError');
  assert.match(error!.code, /^ERR_NNZIP_/);
});
