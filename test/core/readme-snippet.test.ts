/**
 * The README's library snippet runs as printed: it is taken from README.md
 * verbatim and run by a child node in a temporary directory where
 * require('nnzip') resolves to this package (node_modules/nnzip is a link to
 * the repository, as after `npm install nnzip`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decompressSync } from '../../src/index';
import { logText } from './helpers';

const ROOT = resolve(__dirname, '../../..');

/** The first ```js block of the README's "## Library" section, exactly as printed. */
function librarySnippet(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Library\n'));
  const m = /\n```js\n([\s\S]*?)\n```\n/.exec(section.slice(0, section.indexOf('\n## ', 1)));
  assert.ok(m, 'the Library section of README.md has no ```js block');
  return m[1] + '\n';
}

test('the Library snippet of README.md runs as printed', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nnzip-readme-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'nnzip'), 'dir');
    const log = logText(20_000, 3);
    writeFileSync(join(dir, 'app.log'), log);
    writeFileSync(join(dir, 'snippet.js'), librarySnippet());
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = execFile(process.execPath, ['snippet.js'], { cwd: dir }, (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end();
    });
    assert.equal(code, 0, `the snippet failed:\n${stderr}`);
    assert.equal(stderr, '');
    assert.deepEqual(stdout.split('\n').filter(Boolean).sort(), ['16 bytes in, all decodable now', 'hello', 'true']);
    assert.ok(readFileSync(join(dir, 'app.log.copy')).equals(log), 'app.log.copy differs from app.log');
    assert.ok(decompressSync(readFileSync(join(dir, 'app.log.nnz'))).equals(log));
    assert.equal(decompressSync(readFileSync(join(dir, 'service.log.nnz'))).toString(), 'service started\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
