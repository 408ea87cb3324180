/** Shared by the CLI tests: run the real binaries in child processes, make data and scratch folders. */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compressSync } from '../../src/index';
import { Rng } from '../core/helpers';

/** Repository root, from dist/test/cli. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin');
export const NNZIP = path.join(BIN, 'nnzip');
export const NNUNZIP = path.join(BIN, 'nnunzip');
export const NNCAT = path.join(BIN, 'nncat');

/** PATH with our bin/ and this node first, so `nnzip` in tar -I, logrotate and sh -c means ours. */
export const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: [BIN, path.dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter),
  NNZIP_PROGRESS_MIN_BYTES: '',
};

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  input?: Buffer | string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a program to completion, feeding `input` (or nothing: stdin is /dev/null-like, closed). */
export function run(file: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: opts.cwd, env: { ...ENV, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.on('error', () => {
      // the child may exit without reading all of it (refusals)
    });
    child.stdin.end(opts.input ?? Buffer.alloc(0));
  });
}

export const nnzip = (args: string[], opts?: RunOptions) => run(NNZIP, args, opts);

/** Runs a shell command line with our PATH. */
export const sh = (script: string, opts?: RunOptions) => run('/bin/sh', ['-c', script], opts);

export function hasCommand(name: string): boolean {
  return spawnSync('/bin/sh', ['-c', `command -v ${name}`], { env: ENV }).status === 0;
}

/** A fresh scratch folder under the OS temp dir. */
export function scratch(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-cli-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Test data comes from test/core/helpers.ts's generators, as everywhere.
export { logText } from '../core/helpers';

/** Bytes that do not compress (stored frames), deterministic in `seed`. */
export function noise(bytes: number, seed = 7): Buffer {
  return new Rng(seed).bytes(bytes);
}

/** Files in `dir` whose names look like our temporary files. */
export function temps(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));
}

export function write(dir: string, name: string, data: Buffer | string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
  return p;
}

/** Compressed fixtures come from the library in-process: cheaper than a child process per fixture. */
export function pack(data: Buffer | string, level = 1): Buffer {
  return compressSync(Buffer.from(data), { level });
}
