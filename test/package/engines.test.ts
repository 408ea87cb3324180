/**
 * package.json "engines" is enforced with a clear message at load (issue
 * 15.4): npm only warns about it at install, and the codec would otherwise
 * fail later with a bare TypeError. The bins' own check is in
 * test/cli/trust.test.ts. There is no old Node here: a preload makes this
 * one look like Node 18.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MIN_NODE } from '../../src/cli/launch';
import { ROOT, run } from './helpers';

const MESSAGE = `nnzip needs Node.js >= ${MIN_NODE.join('.')} (this is v18.19.1)`;

test('on an older Node, require and import of nnzip fail at once with the version it needs', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-engines-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fake = path.join(dir, 'node18.js');
  fs.writeFileSync(fake, "Object.defineProperty(process, 'version', { value: 'v18.19.1' });\nObject.defineProperty(process.versions, 'node', { value: '18.19.1' });\n");
  const cjs = await run(process.execPath, ['-r', fake, '-e', `require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'))})`], dir);
  assert.equal(cjs.code, 1);
  assert.ok(cjs.stderr.includes(`Error: ${MESSAGE}\n`), cjs.stderr);
  const esm = await run(process.execPath, ['-r', fake, '--input-type=module', '-e', `import ${JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.mjs'))};`], dir);
  assert.equal(esm.code, 1);
  assert.ok(esm.stderr.includes(`Error: ${MESSAGE}\n`), esm.stderr);
  const fine = await run(process.execPath, ['-e', `require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'))})`], dir);
  assert.equal(fine.code, 0, fine.stderr);
});
