/**
 * The browser decoder for real (issue 14): examples/browser/index.html in
 * headless Chromium, served from the repository, decodes golden vectors
 * chosen on its file input in a Web Worker; the SHA-256 it shows (and the
 * file it saves) must be the Node decoder's bytes. Damaged and truncated
 * files give an error message on the page and no output.
 *
 * One screenshot (a log decoded) is taken each run; NNZIP_UPDATE_SCREENSHOTS=1
 * keeps it as docs/browser-decoder.png.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decompressSync } from '../../src/index';
import { BrowserPage, chromiumMissing, openPage } from './chromium';
import { BUNDLE, GOLDEN, ROOT } from './paths';

/** The page's globals, for the functions that run there (the project compiles without the DOM library). */
declare const document: {
  body: { dataset: Record<string, string | undefined> };
  getElementById(id: string): { hidden: boolean; textContent: string | null } | null;
};

const PAGE = '/examples/browser/index.html';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface PageResult {
  state: string;
  sha256?: string;
  size?: string;
  error?: string;
  status: string;
  text: string;
  saveShown: boolean;
  progress: number;
  progressMax: number;
}

describe('browser decoder (examples/browser) in Chromium', { skip: chromiumMissing() }, () => {
  let b: BrowserPage;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-browser-'));

  before(async () => {
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run npm run build`);
    b = await openPage({ root: ROOT, path: PAGE, viewport: { width: 1100, height: 760 } });
    await b.page.waitForFunction(() => document.body.dataset.state === 'idle');
  });

  after(async () => {
    await b?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** Chooses `file` on the page and waits until it is decoded or has failed. */
  async function decodeOnPage(file: string): Promise<PageResult> {
    // The state goes to 'busy' at once, so a wait cannot see the previous file's result.
    await b.page.setInputFiles('#file', file);
    await b.page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error');
    return b.page.evaluate(() => {
      const d = document.body.dataset;
      const text = document.getElementById('text')!;
      return {
        state: d.state!,
        sha256: d.sha256,
        size: d.size,
        error: d.error,
        status: document.getElementById('status')!.textContent ?? '',
        text: text.hidden ? '' : (text.textContent ?? ''),
        saveShown: !document.getElementById('save')!.hidden,
        progress: (document.getElementById('progress') as unknown as { value: number }).value,
        progressMax: (document.getElementById('progress') as unknown as { max: number }).max,
      };
    });
  }

  for (const name of ['runs-blocks.nnz', 'log-l9.nnz', 'binary.nnz', 'random-stored.nnz', 'model1/log-multiframe.nnz']) {
    test(`${name}: the page's bytes are the Node decoder's`, async () => {
      const file = path.join(GOLDEN, name);
      const expected = decompressSync(fs.readFileSync(file));
      const r = await decodeOnPage(file);
      assert.equal(r.state, 'done', r.status);
      assert.equal(r.sha256, sha256(expected));
      assert.equal(Number(r.size), expected.length);
      assert.ok(r.saveShown);
      if (name === 'runs-blocks.nnz') {
        // Over 64 KiB: the page shows the first 64 KiB and says the rest is in the saved file.
        assert.ok(expected.length > 65536);
        assert.equal(r.text, `${expected.subarray(0, 65536).toString('utf8')}\n… (0.01 MB more: save the file to see all)`);
      } else if (name !== 'binary.nnz' && name !== 'random-stored.nnz') {
        assert.equal(r.text, expected.toString('utf8'));
      }
      assert.equal(r.progress, r.progressMax, 'the progress bar is full');
    });
  }

  test('a multi-block vector: the saved file is the decoded bytes; the screenshot', async () => {
    const file = path.join(GOLDEN, 'runs-blocks.nnz');
    const expected = decompressSync(fs.readFileSync(file));
    const r = await decodeOnPage(file);
    assert.equal(r.state, 'done', r.status);
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.click('#save')]);
    assert.equal(download.suggestedFilename(), 'runs-blocks');
    const saved = path.join(scratch, 'saved');
    await download.saveAs(saved);
    assert.ok(fs.readFileSync(saved).equals(expected));

    const log = await decodeOnPage(path.join(GOLDEN, 'log-l1.nnz'));
    assert.equal(log.state, 'done');
    const shot = await b.page.screenshot();
    assert.deepEqual([...shot.subarray(1, 4)], [...Buffer.from('PNG')]);
    if (process.env.NNZIP_UPDATE_SCREENSHOTS === '1') fs.writeFileSync(path.join(ROOT, 'docs', 'browser-decoder.png'), shot);
  });

  test('a damaged file: a clear error on the page, no output', async () => {
    const bytes = fs.readFileSync(path.join(GOLDEN, 'runs-blocks.nnz'));
    bytes[bytes.length >> 1] ^= 0x04;
    const file = path.join(scratch, 'damaged.nnz');
    fs.writeFileSync(file, bytes);
    assert.throws(() => decompressSync(bytes), /ERR_NNZIP_|check failed|corrupt/);
    const r = await decodeOnPage(file);
    assert.equal(r.state, 'error');
    assert.match(r.status, /^Could not decode damaged\.nnz: .+\(ERR_NNZIP_(CHECKSUM|CORRUPT)\)$/);
    assert.equal(r.text, '');
    assert.equal(r.saveShown, false);
    assert.equal(r.sha256, undefined);
  });

  test('a truncated file and a file that is not nnzip: clear errors', async () => {
    const bytes = fs.readFileSync(path.join(GOLDEN, 'log-l9.nnz'));
    const cut = path.join(scratch, 'cut.nnz');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 20));
    const r = await decodeOnPage(cut);
    assert.equal(r.state, 'error');
    assert.match(r.status, /truncated.*\(ERR_NNZIP_TRUNCATED\)$/);
    assert.equal(r.saveShown, false);

    const plain = path.join(scratch, 'plain.txt');
    fs.writeFileSync(plain, 'just some text\n');
    const p = await decodeOnPage(plain);
    assert.equal(p.state, 'error');
    assert.match(p.status, /not in nnzip format.*\(ERR_NNZIP_BAD_MAGIC\)$/);
  });

  test('no page errors', () => {
    assert.deepEqual(b.errors, []);
  });
});
