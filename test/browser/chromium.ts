/**
 * The shared launcher of the browser tests: Debian's Chromium (never a
 * downloaded one) driven by playwright-core, headless, offline, with a
 * fresh profile, on pages served from a folder by a localhost HTTP server
 * (module workers and fetch() need http://, not file://).
 *
 *   const b = await openPage({ root: ROOT, path: '/examples/browser/index.html' });
 *   try { ... b.page ... assert.deepEqual(b.errors, []); } finally { await b.close(); }
 *
 * Tests skip (loudly) where no Chromium is installed: `{ skip: chromiumMissing() }`.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's package (`apt-get install -y chromium`; .ci/run installs it). */
export const CHROMIUM_PATH = process.env.NNZIP_CHROMIUM ?? '/usr/bin/chromium';

/** Flags: no sandbox (root in CI), no GPU, and nothing that talks to the network on its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A reason to skip the browser tests (for node:test's `skip`), or false when Chromium is there. */
export function chromiumMissing(): string | false {
  return fs.existsSync(CHROMIUM_PATH) ? false : `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
}

export interface OpenPageOptions {
  /** The folder served at http://127.0.0.1:<port>/. */
  root: string;
  /** Extra files served at their URL path (e.g. { '/report.html': html }); they win over `root`. */
  files?: Record<string, string | Uint8Array>;
  /** The URL path to open (default '/'); '' opens nothing (about:blank). */
  path?: string;
  /** Viewport (default 1200 x 800): what a screenshot shows. */
  viewport?: { width: number; height: number };
  /** Default timeout of page actions and waits, ms (default 15000). */
  timeoutMs?: number;
}

export interface BrowserPage {
  page: Page;
  context: BrowserContext;
  /** The server's origin, e.g. 'http://127.0.0.1:40123'. */
  origin: string;
  /** Uncaught page errors and console.error messages so far (a test can assert it stays empty). */
  errors: string[];
  /** Closes the browser, stops the server, removes the profile. */
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

function mimeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Serves `root` (and `files`) on 127.0.0.1 at a free port; GET and HEAD only, nothing outside `root`. */
export function serveFolder(root: string, files: Record<string, string | Uint8Array> = {}): Promise<http.Server> {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, type: string, body: string | Uint8Array) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed');
    // Chromium asks for one on every page; a 404 would be a console error in every test.
    if (urlPath === '/favicon.ico' && !Object.hasOwn(files, urlPath)) return send(204, 'image/x-icon', '');
    if (Object.hasOwn(files, urlPath)) return send(200, mimeOf(urlPath), files[urlPath]);
    let file = path.resolve(base, '.' + urlPath);
    if (file !== base && !file.startsWith(base + path.sep)) return send(403, 'text/plain', 'outside the root');
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) file = path.join(file, 'index.html');
      fs.readFile(file, (err2, body) => {
        if (err2) return send(404, 'text/plain', 'not found');
        send(200, mimeOf(file), body);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Starts the server and Chromium, opens `path`; always call close() (in a finally). */
export async function openPage(options: OpenPageOptions): Promise<BrowserPage> {
  // Loaded here so that requiring this module costs nothing where no browser test runs.
  const { chromium } = await import('playwright-core');
  const server = await serveFolder(options.root, options.files);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-chromium-'));
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => {});
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    fs.rmSync(profile, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      chromiumSandbox: false,
      viewport: options.viewport ?? { width: 1200, height: 800 },
      acceptDownloads: true,
      timeout: 30_000,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(options.timeoutMs ?? 15_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
    });
    if (options.path !== '') await page.goto(origin + (options.path ?? '/'));
    return { page, context, origin, errors, close };
  } catch (err) {
    await close();
    throw err;
  }
}
