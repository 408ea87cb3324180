/**
 * The commands start from one bundled file (bundle.cjs, written by the
 * build from start.ts and the project's modules it loads; packages from
 * node_modules stay outside) and keep V8's compiled code
 * of it in a per-user cache, so that a run neither resolves some fifty
 * module paths nor parses and compiles what it ran last time (issue 11:
 * `find -exec`, tar of many small files, logrotate pay a process's start-up
 * per file). Node 22's module.enableCompileCache() does that for modules
 * loaded by require(), but not on Node 20; vm.Script's cachedData does it on
 * every version.
 *
 * The cache is only ever an optimisation: no bundle, no usable directory, a
 * file that is damaged, of another bundle or rejected by V8 (another V8 or
 * other flags) means compiling as without it, and no error is ever shown.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { crc32 } from 'node:zlib';
import type { Program } from './launch';

/** The bundle the build writes next to this module. */
export const BUNDLE = path.join(__dirname, 'bundle.cjs');

/** What the bundle exports (start.ts). */
export interface Commands {
  start(prog: Program): void;
}

const MAGIC = 'NNZC';
const CACHE_FORMAT = 1;
const HEADER_SIZE = 20;
/** A run of more CPU than this has compiled the coder and the model: its cache replaces one of a short run. */
const LONG_RUN_US = 250_000;

/**
 * Where the cache goes: none with NODE_DISABLE_COMPILE_CACHE (Node's own
 * switch); under NODE_COMPILE_CACHE when set (Node's own place for it);
 * else a directory of this user's under the temporary directory, never the
 * working directory.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  if (env.NODE_COMPILE_CACHE) return path.join(path.resolve(env.NODE_COMPILE_CACHE), 'nnzip');
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return path.join(os.tmpdir(), `nnzip-compile-cache-${user}`);
}

/**
 * Which code a run is likely to compile, so that compressing and
 * decompressing each keep their own cache: a guess from the program and its
 * flags, right for the usual invocations (a wrong guess costs only speed).
 */
export function cacheProfile(prog: Program, argv: readonly string[]): string {
  if (prog !== 'nnzip') return prog === 'nncat' ? 'nnunzip' : prog;
  const decoding = argv.some((a) => /^-[^-]*[dtl]/.test(a) || /^--(decompress|uncompress|test|list)$/.test(a));
  return decoding ? 'nnunzip' : 'nnzip';
}

/** The directory is ours alone (code read from it runs as ours): a real directory, owned by this user, writable by no other. */
function private_(dir: string): boolean {
  const st = fs.lstatSync(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return st.isDirectory() && (uid === undefined || st.uid === uid) && (st.mode & 0o022) === 0;
}

interface CacheEntry {
  data: Buffer;
  /** Made by a long run (see LONG_RUN_US). */
  long: boolean;
}

/** The cached data for this bundle, if the file is there, ours, whole and of this bundle. */
function readCache(file: string, bundleLength: number, bundleCrc: number): CacheEntry | null {
  try {
    if (!private_(path.dirname(file))) return null;
    const st = fs.lstatSync(file);
    if (!st.isFile()) return null;
    const b = fs.readFileSync(file);
    if (b.length <= HEADER_SIZE || b.toString('latin1', 0, 4) !== MAGIC || b[4] !== CACHE_FORMAT) return null;
    if (b.readUInt32LE(8) !== bundleLength || b.readUInt32LE(12) !== bundleCrc) return null;
    const data = b.subarray(HEADER_SIZE);
    if (crc32(data) >>> 0 !== b.readUInt32LE(16)) return null;
    return { data, long: b[5] === 1 };
  } catch {
    return null;
  }
}

/** Writes the cache whole or not at all (a rename): concurrent runs each leave a complete file. */
function writeCache(file: string, data: Buffer, long: boolean, bundleLength: number, bundleCrc: number): void {
  const dir = path.dirname(file);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!private_(dir)) return;
    const head = Buffer.alloc(HEADER_SIZE);
    head.write(MAGIC, 0, 'latin1');
    head[4] = CACHE_FORMAT;
    head[5] = long ? 1 : 0;
    head.writeUInt32LE(bundleLength, 8);
    head.writeUInt32LE(bundleCrc, 12);
    head.writeUInt32LE(crc32(data) >>> 0, 16);
    fs.writeFileSync(tmp, Buffer.concat([head, data]), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // never written
    }
  }
}

/**
 * Runs the bundle (with its compiled code from the cache when there is one)
 * and returns its exports; null if the build wrote no bundle (then the
 * caller loads start.js as a module). NNZIP_NO_BUNDLE=1 asks for that too
 * (test/cli/startup.test.ts looks at which modules a run loads).
 */
export function loadBundle(prog: Program, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Commands | null {
  if (env.NNZIP_NO_BUNDLE) return null;
  let raw: Buffer;
  try {
    // Older than the modules (tsc alone ran after the build): the bundle would run stale code.
    if (fs.statSync(BUNDLE).mtimeMs < fs.statSync(__filename).mtimeMs) return null;
    raw = fs.readFileSync(BUNDLE);
  } catch {
    return null;
  }
  const bundleCrc = crc32(raw) >>> 0;
  const dir = cacheDir(env);
  const file = dir === null ? null : path.join(dir, `${cacheProfile(prog, argv)}-${process.version}-${process.arch}.cache`);
  const cached = file === null ? null : readCache(file, raw.length, bundleCrc);
  // The build wrapped the bundle in the function of a CommonJS module (its banner and footer), and
  // left it in ASCII (esbuild's default): a one-byte string, not a copy with the wrapper added.
  const script = new vm.Script(raw.toString('utf8'), { filename: BUNDLE, cachedData: cached?.data });
  if (file !== null && (cached === null || script.cachedDataRejected === true || !cached.long)) {
    const fresh = cached === null || script.cachedDataRejected === true;
    // At exit the code holds every function the run compiled, not only the top level.
    process.once('exit', () => {
      const long = process.cpuUsage().user > LONG_RUN_US;
      if (fresh || long) writeCache(file, script.createCachedData(), long, raw.length, bundleCrc);
    });
  }
  const module = { exports: {} as Commands };
  const wrapper = script.runInThisContext() as (e: object, r: NodeJS.Require, m: object, f: string, d: string) => void;
  wrapper.call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
  return module.exports;
}
