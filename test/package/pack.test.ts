/**
 * The package as a user gets it (issue 15.4): `npm pack` of this repository
 * (its dist/ as built for the tests; --ignore-scripts, so that the prepack
 * build does not rebuild dist/ under the running suite), installed by a
 * fresh project from npm's cache alone, then required, imported, type
 * checked and run.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, cleanEnv, ok, run, writeFreshProject } from './helpers';

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string | Record<string, string>>>;
};
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/** H3's transport (issue 15.2) is written in parallel: its parts run once it is in dist/. */
const PINO_BUILT = fs.existsSync(path.join(ROOT, 'dist', 'src', 'transport', 'pino.js'));
const PINO_SKIP = PINO_BUILT ? false : 'dist/src/transport/pino.js is not built here';

/** Every file an "exports" entry points at, conditions and all. */
function exportTargets(): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(path.normalize(v));
    else if (v && typeof v === 'object') for (const w of Object.values(v)) walk(w);
  };
  walk(pkg.exports);
  return out;
}

describe('the packed package', { timeout: 120_000 }, () => {
  let tmp: string;
  let project: string;
  let packed: PackResult;
  let install: { stdout: string; stderr: string };

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-pack-'));
    const r = ok(await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT), 'npm pack');
    [packed] = JSON.parse(r.stdout) as PackResult[];
    project = path.join(tmp, 'fresh');
    fs.mkdirSync(project);
    const tarball = path.join(tmp, packed.filename);
    writeFreshProject(project, tarball, PINO_BUILT ? ['pino'] : []);
    const offline = await run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund'], project);
    if (offline.code !== 0 && /ENOTCACHED/.test(offline.stderr)) {
      // A cache that this repository's `npm ci` did not fill (a dependency added by hand since):
      // the registry gives what is missing.
      console.log(`# npm's cache lacks a dependency of the tarball: installing with --prefer-offline\n${offline.stderr.replace(/^/gm, '# ')}`);
      install = ok(await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project), 'npm install --prefer-offline');
    } else {
      install = ok(offline, 'npm install --offline');
    }
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('holds dist, the bins, the types, LICENSE, README and CHANGELOG; no tests, bench, sources or golden vectors', () => {
    const files = new Set(packed.files.map((f) => f.path));
    const must = [
      'package.json', 'LICENSE', 'README.md', 'CHANGELOG.md', 'docs/CLI.md',
      'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/index.mjs', 'dist/src/index.d.mts',
      'dist/src/cli/launch.js', 'dist/src/model/logistic-tables.bin',
      ...Object.values(pkg.bin),
      ...exportTargets().filter((f) => PINO_BUILT || !f.includes('transport/pino')),
    ];
    for (const f of must) assert.ok(files.has(f), `${f} is not in the tarball`);
    const never: [RegExp, string][] = [
      [/^(src|test|bench|examples|\.ci)\//, 'a source, test, bench or example file'],
      [/^dist\/(test|bench)\//, 'a compiled test or bench'],
      [/\.(ts|mts|cts)$/, 'TypeScript source'],
      [/\.nnz$|^test\/golden/, 'a golden vector'],
      [/\.map$/, 'a source map (its sources are not shipped)'],
      [/^docs\/.*\.png$/, "a screenshot (the README's pictures are for the repository's page)"],
      [/^(tsconfig\.json|package-lock\.json|node_modules\/)/, 'a build or install file'],
    ];
    for (const f of files) {
      const types = /\.d\.m?ts$/.test(f);
      for (const [re, what] of never) if (!(types && what === 'TypeScript source')) assert.ok(!re.test(f), `${f}: ${what} in the tarball`);
    }
    for (const f of files) {
      if (f.startsWith('dist/src/') && f.endsWith('.js')) assert.ok(files.has(f.replace(/\.js$/, '.d.ts')), `${f} has no .d.ts`);
    }
    assert.ok(packed.size < 1 << 20, `the tarball is ${packed.size} bytes`);
    console.log(`# ${packed.filename}: ${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
  });

  test('installs from the cache with no npm warning and builds nothing: no install-time script ships', () => {
    const warnings = `${install.stdout}\n${install.stderr}`.split('\n').filter((l) => /^npm (warn|error)/i.test(l));
    assert.deepEqual(warnings, [], 'npm warned');
    const dir = path.join(project, 'node_modules', 'nnzip');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    // npm 11 lists preinstall/install/postinstall, and prepare of a tarball, git or file
    // dependency, as scripts to allow ("install scripts not yet covered by allowScripts").
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(manifest.scripts?.[s], undefined, `scripts.${s} ships`);
    assert.ok(!fs.existsSync(path.join(dir, 'binding.gyp')));
    assert.ok(!fs.existsSync(path.join(dir, 'src')) && !fs.existsSync(path.join(dir, 'tsconfig.json')), 'sources ship');
    for (const f of exportTargets().filter((t) => PINO_BUILT || !t.includes('transport/pino'))) assert.ok(fs.existsSync(path.join(dir, f)), `exports names ${f}, not installed`);
  });

  test("require('nnzip') and import from 'nnzip' give one module with every export, and round-trip", async () => {
    fs.writeFileSync(path.join(project, 'both.mjs'), [
      "import * as ns from 'nnzip';",
      "import nnzip, { compressSync, decompressSync, createCompressor, NnzipError } from 'nnzip';",
      "import { createRequire } from 'node:module';",
      'const require = createRequire(import.meta.url);',
      "const cjs = require('nnzip');",
      "const missing = Object.keys(cjs).filter((k) => !(k in ns));",
      "if (missing.length) throw new Error('not importable: ' + missing);",
      "if (nnzip !== cjs || NnzipError !== cjs.NnzipError) throw new Error('two instances');",
      "if (typeof createCompressor !== 'function') throw new Error('no createCompressor');",
      "const text = 'line one\\nline two\\n'.repeat(100);",
      'if (decompressSync(cjs.compressSync(text)).toString() !== text) throw new Error("round trip");',
      "console.log(require('nnzip/package.json').version, compressSync(text).length < text.length);",
    ].join('\n'));
    const esm = ok(await run(process.execPath, ['both.mjs'], project), 'both.mjs');
    assert.equal(esm.stdout, `${pkg.version} true\n`);
    assert.equal(esm.stderr, '');
    const cjs = ok(await run(process.execPath, ['-e', [
      "const { compress, decompress, createCompressor, createDecompressor } = require('nnzip');",
      "const { pipeline } = require('node:stream/promises');",
      "const { Readable, Writable } = require('node:stream');",
      "(async () => {",
      "  const text = Buffer.from('GET /index.html 200\\n'.repeat(5000));",
      "  const packed = [];",
      "  await pipeline(Readable.from([text]), createCompressor({ level: 1 }), new Writable({ write(c, e, cb) { packed.push(c); cb(); } }));",
      "  const back = await decompress(Buffer.concat(packed));",
      "  const again = [];",
      "  await pipeline(Readable.from([await compress(text)]), createDecompressor(), new Writable({ write(c, e, cb) { again.push(c); cb(); } }));",
      "  console.log(back.equals(text), Buffer.concat(again).equals(text));",
      "})();",
    ].join('\n')], project), 'require');
    assert.equal(cjs.stdout, 'true true\n');
    // Deep paths are closed by "exports": only ".", "./pino" and "./package.json".
    const deep = await run(process.execPath, ['-e', "require('nnzip/dist/src/options.js')"], project);
    assert.notEqual(deep.code, 0);
    assert.match(deep.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  test('TypeScript finds the types from CommonJS and ESM (moduleResolution node16 and bundler)', async () => {
    const write = (name: string, lines: string[]) => fs.writeFileSync(path.join(project, name), `${lines.join('\n')}\n`);
    write('use.cts', [
      "import nnzip = require('nnzip');",
      "import { createCompressor, compressSync, NnzipError, type CompressOptions } from 'nnzip';",
      'const options: CompressOptions = { level: 1, tableBits: 16 };',
      'const stream = createCompressor(options);',
      "const packed: Buffer = compressSync('x');",
      'const error: typeof NnzipError = nnzip.NnzipError;',
      '// @ts-expect-error: a level is a number',
      "createCompressor({ level: 'high' });",
      'void stream; void packed; void error;',
    ]);
    const esm = [
      "import nnzip, { createDecompressor, decompress, type DecompressOptions, type Compressor } from 'nnzip';",
      "const options: DecompressOptions = { maxOutputLength: 1 << 20, trailing: 'ignore' };",
      'const stream = createDecompressor(options);',
      "const back: Promise<Buffer> = decompress(nnzip.compressSync('x'));",
      'const c: Compressor = nnzip.createCompressor();',
      '// @ts-expect-error: no such option',
      'createDecompressor({ chunkSize: 1 });',
      'void stream; void back; void c;',
    ];
    write('use.mts', esm);
    write('use.ts', esm);
    const base = { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules', '@types')] };
    fs.writeFileSync(path.join(project, 'tsconfig.node16.json'), JSON.stringify({ compilerOptions: { ...base, module: 'node16', moduleResolution: 'node16' }, files: ['use.cts', 'use.mts'] }));
    fs.writeFileSync(path.join(project, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler' }, files: ['use.ts'] }));
    for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
      const r = await run(process.execPath, [TSC, '-p', config, '--traceResolution'], project);
      assert.equal(r.code, 0, `${config}:\n${r.stdout.split('\n').filter((l) => /error TS/.test(l)).join('\n')}`);
      const resolved = [...r.stdout.matchAll(/Module name 'nnzip' was successfully resolved to '([^']+)'/g)].map((m) => path.relative(project, m[1]));
      const expected = config === 'tsconfig.node16.json' ? ['index.d.ts', 'index.d.mts'] : ['index.d.mts'];
      assert.deepEqual([...new Set(resolved)].sort(), expected.map((f) => path.join('node_modules', 'nnzip', 'dist', 'src', f)).sort(), config);
    }
  });

  test('the bins work from node_modules/.bin', async () => {
    const text = Buffer.from(Array.from({ length: 2000 }, (_, i) => `2026-11-30T01:${String(i % 60).padStart(2, '0')} worker ${i % 7} done\n`).join(''));
    fs.writeFileSync(path.join(project, 'app.log'), text);
    const env = cleanEnv({ PATH: [path.join(project, 'node_modules', '.bin'), path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter) });
    ok(await run('/bin/sh', ['-c', 'nnzip -k app.log && nncat app.log.nnz > back.log && nnunzip -c app.log.nnz > back2.log && nngrep -c "worker 3" app.log.nnz'], project, { env }), 'the bins');
    assert.ok(fs.readFileSync(path.join(project, 'back.log')).equals(text));
    assert.ok(fs.readFileSync(path.join(project, 'back2.log')).equals(text));
    const version = ok(await run('/bin/sh', ['-c', 'nnzip --version'], project, { env }), 'nnzip --version');
    assert.match(version.stdout, new RegExp(pkg.version.replace(/\./g, '\\.')));
  });

  test('pino logs through nnzip/pino, installed from the tarball', { skip: PINO_SKIP }, async () => {
    // The options are H3's (src/transport/pino.ts): `file` app.log.nnz is written as app.log.1.nnz, ...
    fs.writeFileSync(path.join(project, 'pino-app.js'), [
      "const pino = require('pino');",
      "const transport = pino.transport({ target: 'nnzip/pino', options: { file: 'pino.log.nnz' } });",
      'const log = pino(transport);',
      "for (let i = 0; i < 1000; i++) log.info({ i }, 'request done');",
      // pino ends the transport at exit and waits for its worker; thread-stream's 'close' may come after the process is gone.
      "process.on('exit', () => console.log('closed'));",
      'transport.end();',
    ].join('\n'));
    const app = ok(await run(process.execPath, ['pino-app.js'], project), 'pino-app.js');
    assert.equal(app.stdout, 'closed\n');
    assert.equal(app.stderr, '');
    const written = fs.readdirSync(project).filter((f) => /^pino\.log\..*nnz$/.test(f));
    assert.deepEqual(written, ['pino.log.1.nnz']);
    const back = ok(await run(path.join(project, 'node_modules', '.bin', 'nncat'), written, project), 'nncat');
    const lines = back.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { i: number; msg: string });
    assert.deepEqual(lines.map((l) => l.i), Array.from({ length: 1000 }, (_, i) => i));
    assert.ok(lines.every((l) => l.msg === 'request done'));
  });
});
