/**
 * Shared by the package tests: run npm and programs with an environment of
 * our own, and make a fresh project that installs the packed tarball from
 * npm's cache alone.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Repository root, from dist/test/package. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * This environment without npm's: under `npm test`, npm passes its config
 * on as npm_config_* variables (local_prefix among them, which would make a
 * child npm act on this repository). The cache stays, as it holds the
 * dependencies' tarballs.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k) || k.toLowerCase() === 'npm_config_cache') env[k] = v;
  }
  env.PATH = [path.dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter);
  env.NO_UPDATE_NOTIFIER = '1';
  return { ...env, ...extra };
}

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], cwd: string, opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env: opts.env ?? cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(opts.input ?? '');
  });
}

/** Fails with the command's output when it did not exit 0. */
export function ok(r: Ran, what: string): Ran {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

type Lock = { packages: Record<string, LockEntry> };

/** Where Node's resolution finds `name` from the package at lock path `from`, as npm lays the tree out. */
function resolveIn(lock: Lock, from: string, name: string): string | undefined {
  let at = from;
  for (;;) {
    const candidate = `${at ? `${at}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!at) return undefined;
    const cut = at.lastIndexOf('/node_modules/');
    at = cut < 0 ? '' : at.slice(0, cut);
  }
}

/** The lock entries that `names`, required from the root, need: themselves and everything they depend on. */
export function lockClosure(lock: Lock, names: string[]): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const todo: [string, string][] = names.map((n) => ['', n]);
  while (todo.length > 0) {
    const [from, name] = todo.pop()!;
    const at = resolveIn(lock, from, name);
    if (!at) {
      if (lock.packages[from]?.optionalDependencies?.[name]) continue;
      throw new Error(`package-lock.json has no ${name} for ${from || 'the root'}`);
    }
    if (out[at]) continue;
    const { dev: _dev, devOptional: _devOptional, ...entry } = lock.packages[at];
    out[at] = entry;
    for (const dep of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {})]) todo.push([at, dep]);
  }
  return out;
}

/**
 * Writes a fresh project in `dir` that depends on the tarball (and on
 * `extra`, packages of this repository's lock, such as pino), with a lock
 * file made of this repository's entries: the install then asks npm's cache
 * for exactly what `npm ci` of this repository put there (the tarballs, and
 * the registry's package documents when the lock omits "resolved", as
 * omit-lockfile-registry-resolved does). Without a lock, resolving the
 * version ranges needs package documents that `npm ci` may not have fetched:
 * `npm install --offline` fails with ENOTCACHED.
 */
export function writeFreshProject(dir: string, tarball: string, extra: string[] = []): void {
  const repoLock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string>;
  };
  const spec = `file:${path.relative(dir, tarball)}`;
  const dependencies: Record<string, string> = { nnzip: spec };
  for (const name of extra) dependencies[name] = String(repoLock.packages[`node_modules/${name}`]?.version);
  const packages: Record<string, LockEntry> = {
    '': { name: 'fresh', version: '1.0.0', dependencies },
    'node_modules/nnzip': {
      version: pkg.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
    },
    ...lockClosure(repoLock, [...Object.keys(pkg.dependencies), ...extra]),
  };
  const project = { name: 'fresh', version: '1.0.0', private: true, dependencies };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'fresh', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
}
