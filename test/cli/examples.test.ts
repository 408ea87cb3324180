/** The shell examples in examples/ run as documented, so they cannot rot. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasCommand, ROOT, run } from './helpers';

const NEEDS: Record<string, string> = { 'tar.sh': 'tar', 'logrotate.sh': 'logrotate' };
const dir = path.join(ROOT, 'examples');

for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.sh')).sort()) {
  const tool = NEEDS[name];
  const skip = tool !== undefined && !hasCommand(tool) ? `${tool} is not installed` : false;
  test(`examples/${name}`, { skip }, async () => {
    const r = await run('/bin/sh', [path.join(dir, name)]);
    assert.equal(r.code, 0, `${name} failed:\n${r.stderr}\n${r.stdout}`);
  });
}

test('examples/logrotate.conf uses the settings the logrotate test checks', () => {
  const conf = fs.readFileSync(path.join(dir, 'logrotate.conf'), 'utf8');
  for (const line of ['compress', 'compresscmd ', 'compressoptions -9', 'compressext .nnz']) assert.ok(conf.includes(line), line);
});
