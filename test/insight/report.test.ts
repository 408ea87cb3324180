/**
 * The --explain --html page in a real browser (Debian's Chromium, headless,
 * through the shared launcher test/browser/chromium.ts): it loads with no
 * request but its own, the top line is there and highlighted, its link
 * leads to it. NNZIP_UPDATE_SCREENSHOTS=1 also writes docs/explain-report.png.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromiumMissing, openPage } from '../browser/chromium';
import { Explainer } from '../../src/insight/explainer';
import { renderHtml } from '../../src/insight/html';
import { ROOT, scratch } from '../cli/helpers';
import { plantedLog } from './helpers';

test('the HTML report in Chromium: self-contained, the top line present and highlighted', { skip: chromiumMissing() }, async (t) => {
  const dir = scratch(t);
  const log = plantedLog(21, 2500);
  const ex = new Explainer({ top: 10, context: 3 });
  ex.push(Buffer.from(log.text));
  const report = ex.end();
  const top = report.rows[0];
  assert.ok(log.planted.includes(top.line));
  const html = renderHtml(report, 'app.log');

  const b = await openPage({ root: dir, files: { '/report.html': html }, path: '', viewport: { width: 1200, height: 1100 } });
  try {
    const requests: string[] = [];
    b.page.on('request', (r) => requests.push(r.url()));
    await b.page.goto(`${b.origin}/report.html`);
    await b.page.waitForSelector('#top tbody tr');
    assert.deepEqual(
      requests.filter((u) => !u.endsWith('/favicon.ico')),
      [`${b.origin}/report.html`],
      'the page fetches nothing else',
    );

    // The table's first row names the top line and links to it.
    const first = await b.page.locator('#top tbody tr').first().locator('a').getAttribute('href');
    assert.equal(first, `#L${top.line}`);
    const row = b.page.locator(`#L${top.line}`);
    assert.equal(await row.count(), 1);
    assert.ok(await row.isVisible());
    assert.match((await row.getAttribute('class')) ?? '', /\btop\b/);
    const text = (await row.locator('.t').textContent()) ?? '';
    assert.equal(text, log.text.split('\n')[top.line - 1].replace(/\t/g, '\\t'));
    const of = `document.getElementById('L${top.line}')`;
    const style = await b.page.evaluate(`(() => { const s = getComputedStyle(${of}); return [s.outlineStyle, s.outlineColor, s.backgroundColor]; })()`);
    assert.deepEqual(style, ['solid', 'rgb(204, 34, 34)', 'rgb(255, 246, 214)']);
    // Its costly bytes are shaded darker than those of the lines around it.
    const darkest = await b.page.evaluate(`Math.max(...[...${of}.querySelectorAll('.t span')].map((s) => Number(s.className.slice(1))))`);
    assert.ok((darkest as number) >= 5, `darkest shade ${darkest}`);

    await b.page.locator('#top tbody tr').first().locator('a').click();
    assert.equal(await b.page.evaluate('location.hash'), `#L${top.line}`);
    assert.ok(await b.page.locator('#curve polyline').isVisible());
    assert.equal(await b.page.locator('#curve .mark').count(), report.rows.length);

    await b.page.goto(`${b.origin}/report.html`);
    const shot = path.join(dir, 'explain-report.png');
    await b.page.screenshot({ path: shot });
    assert.ok(fs.statSync(shot).size > 10000);
    if (process.env.NNZIP_UPDATE_SCREENSHOTS === '1') fs.copyFileSync(shot, path.join(ROOT, 'docs', 'explain-report.png'));
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
