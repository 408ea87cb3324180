/** The shared launcher itself: Debian's Chromium opens a page from the local server and runs a module worker. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromiumMissing, openPage, serveFolder } from './chromium';

/** The page's globals, for the functions that run there (the project compiles without the DOM library). */
declare const document: { getElementById(id: string): { textContent: string | null } | null };

test('the server serves its folder and files, and nothing outside it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-serve-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'A');
  const server = await serveFolder(dir, { '/x.html': '<p>x</p>' });
  const { port } = server.address() as { port: number };
  try {
    const get = (p: string) => fetch(`http://127.0.0.1:${port}${p}`);
    assert.equal(await (await get('/a.txt')).text(), 'A');
    const x = await get('/x.html');
    assert.equal(x.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await x.text(), '<p>x</p>');
    assert.equal((await get('/missing')).status, 404);
    assert.equal((await get('/..%2F..%2F..%2Fetc%2Fpasswd')).status, 403);
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Chromium opens a served page, runs a module worker', { skip: chromiumMissing() }, async () => {
  const b = await openPage({
    root: os.tmpdir(),
    files: {
      '/index.html': '<!doctype html><title>t</title><p id="out">…</p><script type="module">' +
        "const w = new Worker('/w.js', { type: 'module' });" +
        "w.onmessage = (e) => { document.getElementById('out').textContent = e.data; };</script>",
      '/w.js': "postMessage('worker ' + (6 * 7));",
    },
    path: '/index.html',
  });
  try {
    await b.page.waitForFunction(() => document.getElementById('out')?.textContent === 'worker 42');
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
