/**
 * `npm run bench`: nnzip against gzip -9, xz -9, zstd -19 and brotli -q 11 on
 * the same files in the same run, plus scaling, start-up and learning-curve
 * figures. Writes bench/results/latest.{json,md} and learning-curve.svg
 * (quick.* with --quick). `node dist/bench/run.js --help` lists the options.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Codec, competitors, nnzipCodec, runWorker, useWorker } from './codecs';
import { jsonLines, syslogLines, writeLines, writeRandom } from './gen';
import { CurvePoint, learningCurveSvg } from './svg';
import {
  MB,
  MIB,
  REPO_ROOT,
  Table,
  fmtBytes,
  fmtInt,
  fmtNum,
  median,
  nowMs,
  renderMarkdown,
  renderText,
  runTimed,
} from './util';

// ---------------------------------------------------------------- options

interface Options {
  quick: boolean;
  corpus: string;
  levels: number[];
  repeats: number;
  nnRepeats: number;
  repeatBelow: number;
  scaling: number[];
  scalingLevel: number;
  scalingGc: boolean;
  scalingDecompress: boolean;
  scalingCli: boolean;
  /** With scalingCli: a second thread count for the commands (0: none). */
  scalingThreads: number;
  /** MiB of generated log for the threads section (0: none). */
  threadCurve: number;
  /** Alternated rounds of the threads section; each row keeps its round with the least wall time. */
  threadRounds: number;
  curve: string | null;
  window: number;
  only: string[];
  synthetic: boolean;
  startupRuns: number;
  out: string;
  lib: string;
}

const HELP = `usage: npm run bench -- [options]

  --quick               about a minute: 3 corpus files + small synthetic ones, nnzip level 6,
                        one run each, scaling 1,2 MiB, learning curve on loghub/Linux_2k.log
  --corpus DIR          corpus folder (default: ../shared/corpus from the repository root)
  --levels 1,6,9        nnzip levels to measure
  --repeats N           runs per file for gzip/xz/zstd/brotli, median taken (default 3; quick 1)
  --nn-repeats N        runs per file for nnzip on files below --repeat-below (default 3; quick 1)
  --repeat-below BYTES  larger files are measured once by nnzip (default 3000000: the big logs
                        too, since this machine's CPU time for the same run swings ~1.5x)
  --scaling 1,4,16,64   sizes in MiB of generated log input for the scaling test ("none" to skip)
  --scaling-level N     nnzip level for the scaling test (default 1, to fit the time budget)
  --scaling-gc          force a garbage collection every second in the scaling test, so peak RSS
                        shows live memory rather than buffers V8 has not collected yet
  --scaling-decompress  in the scaling test, decompress each output too (its peak RSS)
  --scaling-cli         in the scaling test, also the commands' peak RSS both ways (nnzip -c -T1 <
                        file, nnunzip -c -T1; GNU time): what a user of the CLI sees
  --scaling-threads N   with --scaling-cli, also with -TN (each thread codes with a model of its own;
                        an input of one block, 16 MiB by default, is coded on one thread)
  --threads-curve MIB   size of the generated log for the threads section: -T1/-T2/-T4 both ways,
                        and the size cost of blocks (default 32; quick: none; "none" to skip)
  --threads-rounds N    alternated rounds of the threads section, each row its fastest (default 2)
  --curve FILE          file for the learning curve (path, or relative to the corpus)
  --window BYTES        learning-curve window (default 65536; quick 16384)
  --only A,B            only corpus files whose folder/name contains one of these strings
  --no-synthetic        leave out the generated files
  --out DIR             where results go (default bench/results)
  --lib DIR             the compiled nnzip to measure (default dist/src; copied at the start,
                        so rebuilding during the run changes nothing)
`;

function parseArgs(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const o: Options = {
    quick,
    corpus: path.resolve(REPO_ROOT, '..', 'shared', 'corpus'),
    levels: quick ? [6] : [1, 6, 9],
    repeats: quick ? 1 : 3,
    nnRepeats: quick ? 1 : 3,
    repeatBelow: 3000000,
    scaling: quick ? [1, 2] : [1, 4, 16, 64],
    scalingLevel: 1,
    scalingGc: false,
    scalingDecompress: false,
    scalingCli: false,
    scalingThreads: 0,
    threadCurve: quick ? 0 : 32,
    threadRounds: 2,
    curve: null,
    window: quick ? 16384 : 65536,
    only: quick ? ['loghub/Linux_2k', 'loghub/Apache_2k', 'text/alice29'] : [],
    synthetic: true,
    startupRuns: quick ? 5 : 10,
    out: path.join(REPO_ROOT, 'bench', 'results'),
    lib: path.join(REPO_ROOT, 'dist', 'src'),
  };
  const nums = (s: string) => s.split(',').filter(Boolean).map(Number);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    switch (a) {
      case '--quick':
        break;
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        process.exit(0);
      case '--corpus':
        o.corpus = path.resolve(v());
        break;
      case '--levels':
        o.levels = nums(v());
        break;
      case '--repeats':
        o.repeats = Number(v());
        break;
      case '--nn-repeats':
        o.nnRepeats = Number(v());
        break;
      case '--repeat-below':
        o.repeatBelow = Number(v());
        break;
      case '--scaling': {
        const s = v();
        o.scaling = s === 'none' ? [] : nums(s);
        break;
      }
      case '--scaling-level':
        o.scalingLevel = Number(v());
        break;
      case '--scaling-gc':
        o.scalingGc = true;
        break;
      case '--threads-curve': {
        const s = v();
        o.threadCurve = s === 'none' ? 0 : Number(s);
        break;
      }
      case '--threads-rounds':
        o.threadRounds = Math.max(1, Number(v()));
        break;
      case '--scaling-decompress':
        o.scalingDecompress = true;
        break;
      case '--scaling-cli':
        o.scalingCli = true;
        break;
      case '--scaling-threads':
        o.scalingCli = true;
        o.scalingThreads = Number(v());
        break;
      case '--curve':
        o.curve = v();
        break;
      case '--window':
        o.window = Number(v());
        break;
      case '--only':
        o.only = v().split(',').filter(Boolean);
        break;
      case '--no-synthetic':
        o.synthetic = false;
        break;
      case '--out':
        o.out = path.resolve(v());
        break;
      case '--lib':
        o.lib = path.resolve(v());
        break;
      default:
        throw new Error(`unknown option ${a} (see --help)`);
    }
  }
  for (const l of [...o.levels, o.scalingLevel]) {
    if (!Number.isInteger(l) || l < 1 || l > 9) throw new Error(`nnzip levels are 1-9, not ${l}`);
  }
  if (!(o.repeats >= 1 && o.nnRepeats >= 1)) throw new Error('repeats must be at least 1');
  if (o.scaling.some((s) => !(s > 0))) throw new Error('--scaling sizes must be positive numbers of MiB');
  return o;
}

// ---------------------------------------------------------------- inputs

interface InputFile {
  folder: string;
  name: string;
  file: string;
  bytes: number;
}

function corpusFiles(o: Options, log: (s: string) => void): InputFile[] {
  if (!fs.existsSync(o.corpus)) {
    log(`corpus not found at ${o.corpus}: measuring generated files only (pass --corpus DIR to use one).`);
    return [];
  }
  const files: InputFile[] = [];
  // Sub-folders are the groups; files at the top (SOURCES.md, baselines.tsv) describe the corpus.
  for (const folder of fs.readdirSync(o.corpus).sort()) {
    const dir = path.join(o.corpus, folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const st = fs.statSync(file);
      if (!st.isFile() || st.size === 0) continue;
      const id = `${folder}/${name}`;
      if (o.only.length && !o.only.some((s) => id.includes(s))) continue;
      files.push({ folder, name, file, bytes: st.size });
    }
  }
  return files;
}

function syntheticFiles(o: Options, dir: string): InputFile[] {
  const k = o.quick ? 128 * 1024 : 512 * 1024;
  const out: InputFile[] = [];
  const add = (name: string, write: (f: string) => number) => {
    const file = path.join(dir, name);
    out.push({ folder: 'synthetic', name, file, bytes: write(file) });
  };
  add('syslog_mixed.log', (f) => writeLines(f, syslogLines(1), k));
  add('app_json.log', (f) => writeLines(f, jsonLines(2), k));
  add('random.bin', (f) => writeRandom(f, 3, k / 4));
  return out;
}

// ---------------------------------------------------------------- measuring

interface CodecResult {
  bytes: number;
  bpb: number;
  ratioToXz: number | null;
  runs: number;
  compressMs: number;
  decompressMs: number;
  compressMBps: number;
  decompressMBps: number;
  compressRssKB: number | null;
  decompressRssKB: number | null;
  /** Median CPU time (user + system) per run, when known. */
  compressCpuMs: number | null;
  decompressCpuMs: number | null;
  compressMsAll: number[];
  decompressMsAll: number[];
  verified: boolean;
}

interface FileResult {
  folder: string;
  name: string;
  bytes: number;
  results: Record<string, CodecResult>;
}

function measure(codec: Codec, f: InputFile, runs: number, tmp: string): CodecResult {
  const packed = path.join(tmp, `packed.${codec.ext}`);
  const unpacked = path.join(tmp, 'unpacked');
  const original = fs.readFileSync(f.file);
  const cMs: number[] = [];
  const dMs: number[] = [];
  const cCpu: number[] = [];
  const dCpu: number[] = [];
  let cRss: number | null = null;
  let dRss: number | null = null;
  let bytes = 0;
  let verified = true;
  const maxOf = (a: number | null, b: number | null) => (b === null ? a : a === null ? b : Math.max(a, b));
  for (let r = 0; r < runs; r++) {
    const c = codec.compress(f.file, packed);
    bytes = fs.statSync(packed).size;
    const d = codec.decompress(packed, unpacked);
    // Every round trip is checked byte for byte.
    if (!fs.readFileSync(unpacked).equals(original)) verified = false;
    cMs.push(c.ms);
    dMs.push(d.ms);
    if (c.cpuMs !== null) cCpu.push(c.cpuMs);
    if (d.cpuMs !== null) dCpu.push(d.cpuMs);
    cRss = maxOf(cRss, c.maxRssKB);
    dRss = maxOf(dRss, d.maxRssKB);
  }
  fs.rmSync(packed, { force: true });
  fs.rmSync(unpacked, { force: true });
  const cm = median(cMs);
  const dm = median(dMs);
  return {
    bytes,
    bpb: (bytes * 8) / f.bytes,
    ratioToXz: null,
    runs,
    compressMs: cm,
    decompressMs: dm,
    compressMBps: f.bytes / MB / (cm / 1000),
    decompressMBps: f.bytes / MB / (dm / 1000),
    compressRssKB: cRss,
    decompressRssKB: dRss,
    compressCpuMs: cCpu.length ? median(cCpu) : null,
    decompressCpuMs: dCpu.length ? median(dCpu) : null,
    compressMsAll: cMs.map((x) => +x.toFixed(2)),
    decompressMsAll: dMs.map((x) => +x.toFixed(2)),
    verified,
  };
}

interface GroupResult {
  bytes: number;
  bpb: number;
  ratioToXz: number | null;
  compressMBps: number;
  decompressMBps: number;
  /** Throughput on CPU time: what the speed would be on an idle machine. */
  compressMBpsCpu: number | null;
  decompressMBpsCpu: number | null;
  compressRssKB: number | null;
  decompressRssKB: number | null;
}

interface Totals {
  group: string;
  files: number;
  bytes: number;
  results: Record<string, GroupResult>;
}

/**
 * A note when a higher nnzip level writes more than the next lower level
 * measured, on a folder's total: levels 7 and 8 did so, unseen, until session
 * 14 (the bench measured levels 1, 6 and 9 only). Null when all are in order.
 */
function levelLadder(levels: number[], groups: Totals[]): string | null {
  const sorted = [...levels].sort((a, b) => a - b);
  const worse: string[] = [];
  for (const g of groups) {
    for (let i = 1; i < sorted.length; i++) {
      const lower = g.results[`nnzip-${sorted[i - 1]}`];
      const higher = g.results[`nnzip-${sorted[i]}`];
      if (lower && higher && higher.bytes > lower.bytes) {
        worse.push(`level ${sorted[i]} writes ${((higher.bytes / lower.bytes - 1) * 100).toFixed(2)} % more than level ${sorted[i - 1]} on ${g.group}`);
      }
    }
  }
  return worse.length ? `Levels out of order: ${worse.join('; ')}.` : null;
}

function totals(group: string, files: FileResult[], codecs: Codec[]): Totals {
  const raw = files.reduce((s, f) => s + f.bytes, 0);
  const t: Totals = { group, files: files.length, bytes: raw, results: {} };
  for (const c of codecs) {
    const rs = files.map((f) => f.results[c.id]).filter((r) => r !== undefined);
    if (rs.length !== files.length) continue;
    const bytes = rs.reduce((s, r) => s + r.bytes, 0);
    const cms = rs.reduce((s, r) => s + r.compressMs, 0);
    const dms = rs.reduce((s, r) => s + r.decompressMs, 0);
    const cpuRate = (k: 'compressCpuMs' | 'decompressCpuMs') =>
      rs.every((r) => r[k] !== null) ? raw / MB / (rs.reduce((s, r) => s + r[k]!, 0) / 1000) : null;
    const rss = (k: 'compressRssKB' | 'decompressRssKB') => {
      const v = rs.map((r) => r[k]).filter((x): x is number => x !== null);
      return v.length ? Math.max(...v) : null;
    };
    t.results[c.id] = {
      bytes,
      bpb: (bytes * 8) / raw,
      ratioToXz: null,
      compressMBps: raw / MB / (cms / 1000),
      decompressMBps: raw / MB / (dms / 1000),
      compressMBpsCpu: cpuRate('compressCpuMs'),
      decompressMBpsCpu: cpuRate('decompressCpuMs'),
      compressRssKB: rss('compressRssKB'),
      decompressRssKB: rss('decompressRssKB'),
    };
  }
  const xz = t.results['xz-9'];
  if (xz) for (const r of Object.values(t.results)) r.ratioToXz = r.bytes / xz.bytes;
  return t;
}

// ---------------------------------------------------------------- scaling, start-up, learning curve

interface ScalingRow {
  sizeMiB: number;
  bytes: number;
  level: number;
  compressed: number;
  bpb: number;
  ms: number;
  cpuMs: number;
  MBps: number;
  MBpsCpu: number;
  msPerMiB: number;
  maxRssKB: number;
  peakHeapKB: number;
  peakBuffersKB: number;
  /** With --scaling-decompress. */
  decompressRssKB: number | null;
  decompressPeakBuffersKB: number | null;
  /**
   * Controls: the same worker, reading and writing (fs.createReadStream into
   * the transform, its output into fs.createWriteStream, decompressing into a
   * counting sink) around node:zlib's gzip (level 6) / gunzip or a PassThrough
   * instead of nnzip: peak RSS that grows with the input there too is the
   * harness's, not nnzip's. Decompression rows only with --scaling-decompress.
   */
  gzipRssKB: number;
  gzipPeakBuffersKB: number;
  gunzipRssKB: number | null;
  passRssKB: number;
  passPeakBuffersKB: number;
  /** With --scaling-cli: the commands' peak RSS, compressing (a regular file on stdin) and decompressing, one thread. */
  cliRssKB: number | null;
  cliDecompressRssKB: number | null;
  /** With --scaling-threads: the same with -T<scalingThreads>. */
  cliThreads: number;
  cliThreadsRssKB: number | null;
  cliThreadsDecompressRssKB: number | null;
  /** With --scaling-threads: (-TN's peak RSS - -T1's) per thread beyond the first that the input's blocks can keep busy (null: one block, no worker). */
  cliPerThreadRssKB: number | null;
  cliPerThreadDecompressRssKB: number | null;
}

/** The library's default block size: an input of n blocks keeps at most n threads busy. */
const BLOCK_BYTES = 16 * MIB;

/** Peak RSS added per thread beyond the first, for `threads` threads on `bytes` of input (null when nothing was added: one block, or no figure). */
function perThread(rssKB: number | null, rssT1KB: number | null, threads: number, bytes: number): number | null {
  const busy = Math.min(threads, Math.ceil(bytes / BLOCK_BYTES));
  if (rssKB === null || rssT1KB === null || busy < 2) return null;
  return Math.round((rssKB - rssT1KB) / (busy - 1));
}

function scaling(o: Options, tmp: string, log: (s: string) => void): ScalingRow[] {
  if (!o.scaling.length) return [];
  const maxBytes = Math.round(Math.max(...o.scaling) * MIB);
  const file = path.join(tmp, 'scaling.log');
  writeLines(file, syslogLines(42), maxBytes, true);
  const rows: ScalingRow[] = [];
  for (const s of o.scaling) {
    const bytes = Math.round(s * MIB);
    // Each size is a prefix of the same generated log; output is counted, not stored. No size
    // hint: this is a stream of unknown length, which gets the level's full tables.
    const packed = path.join(tmp, 'scaling.nnz');
    const gc = o.scalingGc ? ['--gc-ms', '1000'] : [];
    const nodeFlags = o.scalingGc ? ['--expose-gc'] : [];
    const out = o.scalingDecompress ? packed : '-';
    const r = runWorker(['compress', '--codec', 'nnzip', '--level', String(o.scalingLevel), '--in', file, '--out', out, '--limit', String(bytes), ...gc], nodeFlags);
    const d = o.scalingDecompress ? runWorker(['decompress', '--codec', 'nnzip', '--in', packed, '--out', '-', ...gc], nodeFlags) : null;
    if (d && d.outBytes !== bytes) throw new Error(`scaling ${s} MiB: decompressed ${d.outBytes} bytes, not ${bytes}`);
    fs.rmSync(packed, { force: true });
    // The controls, in the same harness (the same output choices as nnzip's rows).
    const gzPacked = path.join(tmp, 'scaling.gz');
    const gz = runWorker(['compress', '--codec', 'gzip', '--level', '6', '--in', file, '--out', o.scalingDecompress ? gzPacked : '-', '--limit', String(bytes), ...gc], nodeFlags);
    const gunz = o.scalingDecompress ? runWorker(['decompress', '--codec', 'gzip', '--in', gzPacked, '--out', '-', ...gc], nodeFlags) : null;
    if (gunz && gunz.outBytes !== bytes) throw new Error(`scaling ${s} MiB: gunzip gave ${gunz.outBytes} bytes, not ${bytes}`);
    fs.rmSync(gzPacked, { force: true });
    const passed = path.join(tmp, 'scaling.pass');
    const pass = runWorker(['compress', '--codec', 'pass', '--in', file, '--out', o.scalingDecompress ? passed : '-', '--limit', String(bytes), ...gc], nodeFlags);
    fs.rmSync(passed, { force: true });
    const cli = o.scalingCli ? cliScaling(o, file, bytes, tmp, 1) : null;
    const cliT = o.scalingThreads > 0 ? cliScaling(o, file, bytes, tmp, o.scalingThreads) : null;
    rows.push({
      sizeMiB: s,
      bytes,
      level: o.scalingLevel,
      compressed: r.outBytes,
      bpb: (r.outBytes * 8) / bytes,
      ms: r.ms,
      cpuMs: r.cpuMs,
      MBps: bytes / MB / (r.ms / 1000),
      MBpsCpu: bytes / MB / (r.cpuMs / 1000),
      msPerMiB: r.ms / (bytes / MIB),
      maxRssKB: r.maxRssKB,
      peakHeapKB: r.peakHeapKB,
      peakBuffersKB: r.peakBuffersKB,
      decompressRssKB: d ? d.maxRssKB : null,
      decompressPeakBuffersKB: d ? d.peakBuffersKB : null,
      gzipRssKB: gz.maxRssKB,
      gzipPeakBuffersKB: gz.peakBuffersKB,
      gunzipRssKB: gunz ? gunz.maxRssKB : null,
      passRssKB: pass.maxRssKB,
      passPeakBuffersKB: pass.peakBuffersKB,
      cliRssKB: cli?.c ?? null,
      cliDecompressRssKB: cli?.d ?? null,
      cliThreads: o.scalingThreads,
      cliThreadsRssKB: cliT?.c ?? null,
      cliThreadsDecompressRssKB: cliT?.d ?? null,
      cliPerThreadRssKB: perThread(cliT?.c ?? null, cli?.c ?? null, o.scalingThreads, bytes),
      cliPerThreadDecompressRssKB: perThread(cliT?.d ?? null, cli?.d ?? null, o.scalingThreads, bytes),
    });
    log(
      `scaling ${s} MiB: ${(r.ms / 1000).toFixed(1)} s, ${(bytes / MB / (r.ms / 1000)).toFixed(3)} MB/s, peak RSS ${(r.maxRssKB / 1024).toFixed(0)} MiB` +
        ` (JS heap ${(r.peakHeapKB / 1024).toFixed(0)}, buffers ${(r.peakBuffersKB / 1024).toFixed(0)})${d ? `, decompression ${(d.maxRssKB / 1024).toFixed(0)} MiB` : ''}` +
        `; controls: gzip ${mib(gz.maxRssKB)}${gunz ? ` / ${mib(gunz.maxRssKB)}` : ''} MiB, pass-through ${mib(pass.maxRssKB)} MiB` +
        (cli ? `; commands ${mib(cli.c)} / ${mib(cli.d)} MiB` : '') +
        (cliT ? `; -T${o.scalingThreads} ${mib(cliT.c)} / ${mib(cliT.d)} MiB` : ''),
    );
  }
  fs.rmSync(file, { force: true });
  return rows;
}

/** The commands on the first `bytes` of `file`, `threads` threads, level as the scaling test's: peak RSS both ways (KiB; null without GNU time). */
function cliScaling(o: Options, file: string, bytes: number, tmp: string, threads: number): { c: number | null; d: number | null } {
  const input = path.join(tmp, 'scaling-cli.log');
  const packed = path.join(tmp, 'scaling-cli.nnz');
  const fd = fs.openSync(file, 'r');
  const prefix = Buffer.allocUnsafe(bytes);
  fs.readSync(fd, prefix, 0, bytes, 0);
  fs.closeSync(fd);
  fs.writeFileSync(input, prefix);
  const bin = (name: string) => path.join(REPO_ROOT, 'bin', name);
  const c = runTimed(process.execPath, [bin('nnzip'), '-c', `-T${threads}`, `-${o.scalingLevel}`], input, packed);
  const d = runTimed(process.execPath, [bin('nnunzip'), '-c', `-T${threads}`], packed, '/dev/null');
  for (const f of [input, packed]) fs.rmSync(f, { force: true });
  return { c: c.maxRssKB, d: d.maxRssKB };
}

interface StartupRow {
  what: string;
  command: string;
  /** Median CPU time of the process (user + system, all its threads), or wall time where CPU time is not measurable. */
  medianCpuMs: number;
  medianMs: number;
  /** Input bytes per CPU second, for the log. */
  mbPerCpuS: number | null;
  maxRssKB: number | null;
}

/**
 * What a fresh process costs (issue 11: `find -exec`, tar of many small
 * files, logrotate): bare Node, loading the library, and the commands as a
 * user runs them (bin/*, through their /bin/sh hop) on no input, a 25-byte
 * stream, one line and a ~300 KB log. The cases take turns, round after
 * round, so that a busy spell of the machine falls on all of them.
 */
function startup(o: Options, tmp: string, log: (s: string) => void): { rows: StartupRow[]; note: string | null } {
  const node = process.execPath;
  const lib = process.env.NNZIP_BENCH_LIB ?? path.join(o.lib, 'index.js');
  const bin = (name: string) => path.join(REPO_ROOT, 'bin', name);
  const empty = path.join(tmp, 'startup-empty.nnz');
  const line = path.join(tmp, 'startup-line.log');
  // A real log of about 300 KB if the corpus has one, else a generated one.
  let logFile = ['loghub/BGL_2k.log', 'loghub/Hadoop_2k.log'].map((f) => path.join(o.corpus, f)).find((f) => fs.existsSync(f));
  if (logFile === undefined) {
    logFile = path.join(tmp, 'startup-300k.log');
    writeLines(logFile, syslogLines(11), 300_000);
  }
  const cases: { what: string; command: string; argv: string[]; input: string; rate?: boolean }[] = [
    { what: 'bare Node', command: 'node -e 0', argv: [node, '-e', '0'], input: '/dev/null' },
    { what: 'load the library', command: `node -e "require('nnzip')"`, argv: [node, '-e', `require(${JSON.stringify(lib)})`], input: '/dev/null' },
  ];
  let note: string | null = null;
  const probe = spawnSync(bin('nnzip'), ['-c'], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (probe.status === 0 && probe.stdout.length > 0) {
    fs.writeFileSync(empty, probe.stdout);
    writeLines(line, syslogLines(7), 120);
    cases.push(
      { what: 'compress nothing (CLI, level 6)', command: 'nnzip -c < /dev/null', argv: [bin('nnzip'), '-c'], input: '/dev/null' },
      { what: `decompress an empty stream (${probe.stdout.length} B)`, command: 'nnunzip -c < empty.nnz', argv: [bin('nnunzip'), '-c'], input: empty },
      { what: `compress one line (${fs.statSync(line).size} B)`, command: 'nnzip -c < line.log', argv: [bin('nnzip'), '-c'], input: line },
      {
        what: `compress a log (${fmtBytes(fs.statSync(logFile).size)})`,
        command: `nnzip -c < ${path.basename(logFile)}`,
        argv: [bin('nnzip'), '-c'],
        input: logFile,
        rate: true,
      },
    );
  } else {
    note = `bin/nnzip -c < /dev/null failed (status ${probe.status}): the commands' start-up was not measured.`;
  }
  const cpu: number[][] = cases.map(() => []);
  const wall: number[][] = cases.map(() => []);
  const rss: (number | null)[] = cases.map(() => null);
  for (let i = 0; i < o.startupRuns; i++) {
    cases.forEach((c, k) => {
      const m = runTimed(c.argv[0], c.argv.slice(1), c.input, '/dev/null');
      wall[k].push(m.ms);
      cpu[k].push(m.cpuMs ?? m.ms);
      if (m.maxRssKB !== null) rss[k] = Math.max(rss[k] ?? 0, m.maxRssKB);
    });
  }
  const rows = cases.map((c, k): StartupRow => {
    const cpuMs = median(cpu[k]);
    const mbPerCpuS = c.rate ? fs.statSync(c.input).size / MB / (cpuMs / 1000) : null;
    return { what: c.what, command: c.command, medianCpuMs: cpuMs, medianMs: median(wall[k]), mbPerCpuS, maxRssKB: rss[k] };
  });
  for (const r of rows) log(`start-up, ${r.what}: ${r.medianCpuMs.toFixed(0)} ms CPU${r.mbPerCpuS !== null ? `, ${r.mbPerCpuS.toFixed(2)} MB/s per CPU s` : ''}`);
  if (cpu[0].some((v, i) => v === wall[0][i])) note = (note ? note + ' ' : '') + 'CPU time not measurable here (no bash): start-up figures are wall times.';
  return { rows, note };
}

interface Curve {
  file: string;
  bytes: number;
  level: number;
  window: number;
  points: CurvePoint[];
  totalBytes: number;
  refs: { codec: string; bytes: number; bpb: number }[];
  firstBelowXz: number | null;
}

/** Reads each frame's raw and payload lengths from an nnzip container (layout: src/format/container.ts). */
function frameSizes(buf: Buffer): { raw: number; payload: number }[] {
  const HEADER = 12;
  const FRAME_HEADER = 13;
  const frames: { raw: number; payload: number }[] = [];
  let o = 0;
  while (o < buf.length) {
    o += HEADER;
    for (;;) {
      const type = buf[o];
      if (type === 0) {
        o += 13; // end record
        break;
      }
      const raw = buf.readUInt32BE(o + 1);
      const payload = buf.readUInt32BE(o + 5);
      frames.push({ raw, payload });
      o += FRAME_HEADER + payload;
    }
  }
  return frames;
}

function learningCurve(o: Options, f: InputFile, level: number, refCodecs: Codec[], tmp: string): Curve {
  const packed = path.join(tmp, 'curve.nnz');
  runWorker(['compress', '--codec', 'nnzip', '--level', String(level), '--size-hint', '--frame-size', String(o.window), '--in', f.file, '--out', packed]);
  const buf = fs.readFileSync(packed);
  const frames = frameSizes(buf);
  // A short last frame (the file's tail) is merged into the one before, so every point covers about one window.
  if (frames.length > 1 && frames[frames.length - 1].raw < o.window / 2) {
    const last = frames.pop()!;
    frames[frames.length - 1].raw += last.raw;
    frames[frames.length - 1].payload += last.payload;
  }
  const points: CurvePoint[] = [];
  let raw = 0;
  let pay = 0;
  for (const fr of frames) {
    raw += fr.raw;
    pay += fr.payload;
    points.push({ end: raw, bpb: (fr.payload * 8) / fr.raw, cumBpb: (pay * 8) / raw });
  }
  const refs = refCodecs.map((c) => {
    const out = path.join(tmp, `curve.${c.ext}`);
    c.compress(f.file, out);
    const bytes = fs.statSync(out).size;
    fs.rmSync(out, { force: true });
    return { codec: c.id, bytes, bpb: (bytes * 8) / f.bytes };
  });
  fs.rmSync(packed, { force: true });
  const xz = refs.find((r) => r.codec === 'xz-9');
  const below = xz ? points.find((p) => p.bpb < xz.bpb) : undefined;
  return {
    file: `${f.folder}/${f.name}`,
    bytes: f.bytes,
    level,
    window: o.window,
    points,
    totalBytes: buf.length,
    refs,
    firstBelowXz: below ? below.end : null,
  };
}

// ---------------------------------------------------------------- reporting

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  const git = (args: string[]) => spawnSync('git', ['-C', REPO_ROOT, ...args], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const rev = git(['rev-parse', '--short', 'HEAD']);
  // Only the library's sources matter for the figures (results and docs change with every run).
  const dirty = git(['status', '--porcelain', '--', 'src']) !== '';
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: rev ? `${rev}${dirty ? ' (with uncommitted changes in src/)' : ''}` : 'unknown',
    loadAverage: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

const mib = (kb: number | null | undefined) => (kb === null || kb === undefined ? '-' : (kb / 1024).toFixed(0));

function perFileTable(files: FileResult[], groups: Totals[], codecs: Codec[], main: string | null, md: boolean): Table {
  const sizeCols = codecs.map((c) => c.id);
  const head = ['file', 'bytes', ...sizeCols];
  if (main) head.push(`${main} bpb`, `${main}/xz`, `${main} c MB/s`, `${main} d MB/s`, `${main} RSS MiB`);
  const rows: string[][] = [];
  const mark = (s: string) => (md ? `**${s}**` : `${s}*`);
  const sizeCells = (res: Record<string, { bytes: number }>) => {
    const best = Math.min(...sizeCols.map((id) => res[id]?.bytes ?? Infinity));
    return sizeCols.map((id) => (res[id] ? (res[id].bytes === best ? mark(fmtInt(res[id].bytes)) : fmtInt(res[id].bytes)) : '-'));
  };
  for (const g of groups) {
    const inGroup = files.filter((f) => f.folder === g.group);
    for (const f of inGroup) {
      const row = [`${f.folder}/${f.name}`, fmtInt(f.bytes), ...sizeCells(f.results)];
      if (main) {
        const r = f.results[main];
        const xz = f.results['xz-9'];
        const rss = Math.max(r.compressRssKB ?? 0, r.decompressRssKB ?? 0);
        row.push(fmtNum(r.bpb, 3), xz ? fmtNum(r.bytes / xz.bytes, 3) : '-', fmtNum(r.compressMBps, 3), fmtNum(r.decompressMBps, 3), mib(rss || null));
      }
      rows.push(row);
    }
    rows.push(totalRow(`${g.group} total (${g.files})`, g, main, sizeCells));
  }
  return { head, rows };
}

function totalRow(label: string, g: Totals, main: string | null, sizeCells: (r: Record<string, { bytes: number }>) => string[]): string[] {
  const row = [label, fmtInt(g.bytes), ...sizeCells(g.results)];
  if (main) {
    const r = g.results[main];
    const rss = Math.max(r.compressRssKB ?? 0, r.decompressRssKB ?? 0);
    row.push(fmtNum(r.bpb, 3), fmtNum(r.ratioToXz, 3), fmtNum(r.compressMBps, 3), fmtNum(r.decompressMBps, 3), mib(rss || null));
  }
  return row;
}

function perGroupTable(groups: Totals[], codecs: Codec[]): Table {
  const rows: string[][] = [];
  for (const g of groups) {
    for (const c of codecs) {
      const r = g.results[c.id];
      if (!r) continue;
      rows.push([
        g.group,
        c.id,
        fmtInt(r.bytes),
        fmtNum(r.bpb, 3),
        fmtNum(r.ratioToXz, 3),
        fmtNum(r.compressMBps, 3),
        fmtNum(r.decompressMBps, 3),
        fmtNum(r.compressMBpsCpu, 3),
        fmtNum(r.decompressMBpsCpu, 3),
        mib(r.compressRssKB),
        mib(r.decompressRssKB),
      ]);
    }
  }
  return {
    head: ['folder', 'codec', 'compressed', 'bpb', 'size/xz', 'c MB/s', 'd MB/s', 'c MB/s cpu', 'd MB/s cpu', 'c RSS MiB', 'd RSS MiB'],
    rows,
    leftCols: 2,
  };
}

function headlineTable(groups: Totals[], all: Totals, codecs: Codec[]): Table {
  const head = ['codec', ...groups.map((g) => `${g.group} bpb`), 'all: size/xz', 'c MB/s', 'd MB/s', 'c MB/s cpu', 'd MB/s cpu', 'peak RSS MiB'];
  const rows = codecs.map((c) => {
    const r = all.results[c.id];
    const rss = Math.max(r?.compressRssKB ?? 0, r?.decompressRssKB ?? 0);
    return [
      c.id,
      ...groups.map((g) => fmtNum(g.results[c.id]?.bpb, 3)),
      fmtNum(r?.ratioToXz, 3),
      fmtNum(r?.compressMBps, 3),
      fmtNum(r?.decompressMBps, 3),
      fmtNum(r?.compressMBpsCpu, 3),
      fmtNum(r?.decompressMBpsCpu, 3),
      mib(rss || null),
    ];
  });
  return { head, rows };
}

function scalingTable(rows: ScalingRow[]): Table {
  return {
    head: [
      'input', 'level', 'compressed', 'bpb', 'time s', 'MB/s', 's per MiB', 'cpu s', 'MB/s cpu', 'peak RSS MiB', 'JS heap MiB', 'buffers MiB', 'd peak RSS MiB',
      ...(rows.some((r) => r.cliRssKB !== null) ? ['CLI c RSS MiB', 'CLI d RSS MiB'] : []),
      ...threadsHead(rows),
    ],
    rows: rows.map((r) => [
      `${r.sizeMiB} MiB log`,
      String(r.level),
      fmtInt(r.compressed),
      fmtNum(r.bpb, 3),
      fmtNum(r.ms / 1000, 1),
      fmtNum(r.MBps, 3),
      fmtNum(r.msPerMiB / 1000, 2),
      fmtNum(r.cpuMs / 1000, 1),
      fmtNum(r.MBpsCpu, 3),
      mib(r.maxRssKB),
      mib(r.peakHeapKB),
      mib(r.peakBuffersKB),
      mib(r.decompressRssKB),
      ...(rows.some((x) => x.cliRssKB !== null) ? [mib(r.cliRssKB), mib(r.cliDecompressRssKB)] : []),
      ...(threadsHead(rows).length > 0 ? [mib(r.cliThreadsRssKB), mib(r.cliThreadsDecompressRssKB)] : []),
    ]),
  };
}

/**
 * Peak RSS of the scaling test side by side: nnzip's library streams, the
 * same harness around gzip / gunzip and a PassThrough (controls), and the
 * commands; the last row is each single-thread column's largest over its
 * smallest (the issue's "flat within 10 %").
 */
function scalingMemoryTable(rows: ScalingRow[]): Table {
  const t = rows.find((x) => x.cliThreadsRssKB !== null)?.cliThreads;
  type Column = { head: string; get: (r: ScalingRow) => number | null };
  const all: Column[] = [
    { head: 'nnzip lib c', get: (r) => r.maxRssKB },
    { head: 'nnzip lib d', get: (r) => r.decompressRssKB },
    { head: 'gzip lib c', get: (r) => r.gzipRssKB },
    { head: 'gunzip lib d', get: (r) => r.gunzipRssKB },
    { head: 'pass-through', get: (r) => r.passRssKB },
    { head: 'CLI c', get: (r) => r.cliRssKB },
    { head: 'CLI d', get: (r) => r.cliDecompressRssKB },
    ...(t === undefined
      ? []
      : ([
          { head: `CLI c -T${t}`, get: (r) => r.cliThreadsRssKB },
          { head: `CLI d -T${t}`, get: (r) => r.cliThreadsDecompressRssKB },
          { head: 'c per added thread', get: (r) => r.cliPerThreadRssKB },
          { head: 'd per added thread', get: (r) => r.cliPerThreadDecompressRssKB },
        ] as Column[])),
  ];
  const cols = all.filter((c) => rows.some((r) => c.get(r) !== null));
  const spread = (c: Column): string => {
    const v = rows.map(c.get).filter((x): x is number => x !== null);
    // Not for -TN: an input of one block starts no worker, so that column steps up at two blocks.
    return v.length > 1 && !c.head.includes('-T') && !c.head.includes('per added') ? fmtNum(Math.max(...v) / Math.min(...v), 2) : '';
  };
  return {
    head: ['input (peak RSS, MiB)', ...cols.map((c) => c.head)],
    rows: [...rows.map((r) => [`${r.sizeMiB} MiB log`, ...cols.map((c) => mib(c.get(r)))]), ['largest / smallest', ...cols.map(spread)]],
  };
}

/** The columns of --scaling-threads, if it was given. */
function threadsHead(rows: ScalingRow[]): string[] {
  const r = rows.find((x) => x.cliThreadsRssKB !== null);
  return r ? [`CLI c RSS MiB -T${r.cliThreads}`, `CLI d RSS MiB -T${r.cliThreads}`] : [];
}

// ---------------------------------------------------------------- threads

interface ThreadRow {
  direction: 'compress' | 'decompress';
  threads: number;
  ms: number;
  cpuMs: number;
  maxRssKB: number;
  /** Compression: the same bytes as -T1's; decompression: the original bytes. */
  identical: boolean;
  /** Peak RSS added per thread beyond the first that the input's blocks keep busy, against -T1 (null for -T1). */
  perAddedThreadKB?: number | null;
}

interface ThreadCurve {
  bytes: number;
  level: number;
  /** Alternated rounds run; each row is its fastest (wall time). */
  rounds: number;
  rows: ThreadRow[];
  /** The -T1 output (blocks of the default size) and the same input coded as one block. */
  blocked: number;
  oneBlock: number;
}

/**
 * -T1, -T2 and -T4 on a generated log (the scaling test's syslog lines), both
 * ways, each in a fresh process (wall and CPU time of the whole process,
 * workers included; peak RSS): the speed-up, the check that the bytes do not
 * depend on the thread count, and what cutting the input into blocks costs
 * in size against one block for all of it.
 */
function threadCurve(o: Options, tmp: string, log: (s: string) => void): ThreadCurve | null {
  if (!(o.threadCurve > 0)) return null;
  const bytes = Math.round(o.threadCurve * MIB);
  const level = o.levels.includes(6) ? 6 : o.levels[0];
  const file = path.join(tmp, 'threads.log');
  writeLines(file, syslogLines(42), bytes, true);
  const original = fs.readFileSync(file);
  const rows: ThreadRow[] = [];
  const packed = (t: number) => path.join(tmp, `threads-T${t}.nnz`);
  const unpacked = path.join(tmp, 'threads.out');
  // Wall time swings with the machine's other load: the -T1/-T2/-T4 runs
  // alternate, round after round, and each row keeps its fastest round.
  const keep = (row: ThreadRow) => {
    const k = rows.findIndex((r) => r.direction === row.direction && r.threads === row.threads);
    if (k < 0) rows.push(row);
    else if (row.ms < rows[k].ms) rows[k] = { ...row, identical: row.identical && rows[k].identical };
    else rows[k].identical &&= row.identical;
  };
  for (let round = 1; round <= o.threadRounds; round++) {
    for (const t of [1, 2, 4]) {
      const r = runWorker(['compress', '--codec', 'nnzip', '--level', String(level), '--threads', String(t), '--in', file, '--out', packed(t)]);
      const identical = fs.readFileSync(packed(t)).equals(fs.readFileSync(packed(1)));
      keep({ direction: 'compress', threads: t, ms: r.ms, cpuMs: r.cpuMs, maxRssKB: r.maxRssKB, identical });
      log(`threads, round ${round}: compress -T${t} ${(r.ms / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s cpu${identical ? '' : ', BYTES DIFFER'}`);
    }
    for (const t of [1, 2, 4]) {
      const r = runWorker(['decompress', '--codec', 'nnzip', '--threads', String(t), '--in', packed(1), '--out', unpacked]);
      const identical = fs.readFileSync(unpacked).equals(original);
      keep({ direction: 'decompress', threads: t, ms: r.ms, cpuMs: r.cpuMs, maxRssKB: r.maxRssKB, identical });
      log(`threads, round ${round}: decompress -T${t} ${(r.ms / 1000).toFixed(1)} s wall, ${(r.cpuMs / 1000).toFixed(1)} s cpu${identical ? '' : ', WRONG OUTPUT'}`);
    }
  }
  for (const r of rows) {
    const t1 = rows.find((x) => x.direction === r.direction && x.threads === 1);
    r.perAddedThreadKB = perThread(r.maxRssKB, t1?.maxRssKB ?? null, r.threads, bytes);
  }
  const one = path.join(tmp, 'threads-one-block.nnz');
  runWorker(['compress', '--codec', 'nnzip', '--level', String(level), '--threads', '1', '--block-bytes', String(2 ** 40), '--in', file, '--out', one]);
  const curve = { bytes, level, rounds: o.threadRounds, rows, blocked: fs.statSync(packed(1)).size, oneBlock: fs.statSync(one).size };
  for (const f of [file, unpacked, one, packed(1), packed(2), packed(4)]) fs.rmSync(f, { force: true });
  return curve;
}

function threadTable(c: ThreadCurve): Table {
  const base = (d: string) => c.rows.find((r) => r.direction === d && r.threads === 1)!.ms;
  return {
    head: ['direction', 'threads', 'wall s', 'cpu s', 'MB/s', 'MB/s cpu', 'wall / -T1', 'peak RSS MiB', 'MiB per added thread', 'bytes identical'],
    rows: [
      ...c.rows.map((r) => [
        r.direction,
        `-T${r.threads}`,
        fmtNum(r.ms / 1000, 1),
        fmtNum(r.cpuMs / 1000, 1),
        fmtNum(c.bytes / MB / (r.ms / 1000), 3),
        fmtNum(c.bytes / MB / (r.cpuMs / 1000), 3),
        fmtNum(r.ms / base(r.direction), 2),
        mib(r.maxRssKB),
        mib(r.perAddedThreadKB),
        r.identical ? 'yes' : 'NO',
      ]),
      ['size', 'blocks', fmtInt(c.blocked), '', 'one block', fmtInt(c.oneBlock), `+${fmtNum((100 * (c.blocked - c.oneBlock)) / c.oneBlock, 2)} %`, '', '', ''],
    ],
  };
}

function startupTable(rows: StartupRow[]): Table {
  const bare = rows.find((r) => r.command === 'node -e 0')?.medianCpuMs;
  return {
    head: ['start-up', 'command', 'CPU ms', '× node -e 0', 'MB/s per CPU s', 'wall ms', 'peak RSS MiB'],
    rows: rows.map((r) => [
      r.what,
      r.command,
      fmtNum(r.medianCpuMs, 0),
      bare ? fmtNum(r.medianCpuMs / bare, 2) : '-',
      fmtNum(r.mbPerCpuS, 2),
      fmtNum(r.medianMs, 0),
      mib(r.maxRssKB),
    ]),
    leftCols: 2,
  };
}

/** lpaq1 (option 6) on the Canterbury files, bytes, measured on this machine and quoted in issue 13: a reference, its code is not vendored. */
const LPAQ1: Record<string, number> = {
  'alice29.txt': 37206, 'asyoulik.txt': 34373, 'cp.html': 6418, 'fields.c': 2554, 'grammar.lsp': 1068, 'kennedy.xls': 37943,
  'lcet10.txt': 89842, 'plrabn12.txt': 126910, ptt5: 43690, sum: 10614, 'xargs.1': 1514,
};

/** The text folder's files beside lpaq1's quoted sizes, at every level run. */
function lpaq1Table(files: FileResult[], levels: number[]): Table | null {
  const text = files.filter((f) => f.folder === 'text' && LPAQ1[f.name] !== undefined);
  if (text.length === 0) return null;
  const ids = levels.map((l) => `nnzip-${l}`).filter((id) => text.every((f) => f.results[id]));
  const rows = text.map((f) => [f.name, fmtInt(LPAQ1[f.name]), ...ids.flatMap((id) => [fmtInt(f.results[id].bytes), fmtNum(f.results[id].bytes / LPAQ1[f.name], 3)])]);
  const sum = (get: (f: FileResult) => number) => text.reduce((n, f) => n + get(f), 0);
  const lp = sum((f) => LPAQ1[f.name]);
  rows.push(['total', fmtInt(lp), ...ids.flatMap((id) => [fmtInt(sum((f) => f.results[id].bytes)), fmtNum(sum((f) => f.results[id].bytes) / lp, 3)])]);
  return { head: ['file', 'lpaq1 (quoted)', ...ids.flatMap((id) => [id, `${id}/lpaq1`])], rows };
}

/**
 * The size hint's cost: the bench's nnzip runs are hinted (the file's size,
 * as the command gives for a file); the same files compressed with no hint.
 */
function hintTable(o: Options, files: FileResult[], levels: number[]): Table {
  const script = `const n = require(process.argv[1]); const fs = require('node:fs'); const level = +process.argv[2];
    process.stdout.write(JSON.stringify(process.argv.slice(3).map((f) => n.compressSync(fs.readFileSync(f), { level }).length)));`;
  const rows: string[][] = [];
  for (const level of levels) {
    const id = `nnzip-${level}`;
    const measured = files.filter((f) => f.results[id] && f.folder !== 'synthetic');
    const r = spawnSync(process.execPath, ['-e', script, o.lib, String(level), ...measured.map((f) => path.join(o.corpus, f.folder, f.name))], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`hint check: ${r.stderr}`);
    const unhinted = JSON.parse(r.stdout) as number[];
    let worst = -Infinity;
    let worstFile = '';
    let hintedTotal = 0;
    let plainTotal = 0;
    measured.forEach((f, i) => {
      const d = f.results[id].bytes / unhinted[i] - 1;
      if (d > worst) [worst, worstFile] = [d, `${f.folder}/${f.name}`];
      hintedTotal += f.results[id].bytes;
      plainTotal += unhinted[i];
    });
    rows.push([id, String(measured.length), fmtInt(hintedTotal), fmtInt(plainTotal), `${((hintedTotal / plainTotal - 1) * 100).toFixed(3)} %`, `${(worst * 100).toFixed(3)} % (${worstFile})`]);
  }
  return { head: ['codec', 'files', 'hinted bytes', 'unhinted bytes', 'total', 'worst file'], rows, leftCols: 1 };
}

function baselineCheck(corpus: string, files: FileResult[]): string | null {
  const tsv = path.join(corpus, 'baselines.tsv');
  if (!fs.existsSync(tsv)) return null;
  const lines = fs.readFileSync(tsv, 'utf8').trim().split('\n');
  const cols = lines[0].split('\t');
  const map: Record<string, string> = { gzip9: 'gzip-9', xz9: 'xz-9', zstd19: 'zstd-19', brotli11: 'brotli-11' };
  let worst = 0;
  let where = '';
  let n = 0;
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    const f = files.find((x) => `${x.folder}/${x.name}` === cells[0]);
    if (!f) continue;
    cols.forEach((col, i) => {
      const r = map[col] ? f.results[map[col]] : undefined;
      if (!r) return;
      const d = r.bytes / Number(cells[i]) - 1;
      n++;
      if (Math.abs(d) > Math.abs(worst)) {
        worst = d;
        where = `${cells[0]} ${map[col]}`;
      }
    });
  }
  if (!n) return null;
  return `External tools' sizes agree with the corpus's baselines.tsv within ${(Math.abs(worst) * 100).toFixed(2)}% (${n} figures; largest difference: ${where}).`;
}

// ---------------------------------------------------------------- main

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const t0 = nowMs();
  // Taken now, when the library is copied: the commit it was built from.
  const m = machine();
  const loadBefore = os.loadavg()[0];
  const log = (s: string) => process.stderr.write(`[${((nowMs() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-bench-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  process.on('exit', cleanup);
  process.on('SIGINT', () => process.exit(130));

  // Workers run from a private copy of the compiled worker and library, so that rebuilding dist/
  // during a long run cannot mix two versions in one table; dependencies stay in the repository.
  if (!fs.existsSync(path.join(o.lib, 'index.js'))) throw new Error(`no compiled nnzip at ${o.lib} (run npm run build)`);
  const libCopy = path.join(tmp, 'snapshot', 'src');
  fs.cpSync(o.lib, libCopy, { recursive: true });
  fs.cpSync(__dirname, path.join(tmp, 'snapshot', 'bench'), { recursive: true });
  useWorker(path.join(tmp, 'snapshot', 'bench', 'worker.js'));
  process.env.NNZIP_BENCH_LIB = path.join(libCopy, 'index.js');
  process.env.NODE_PATH = [path.join(REPO_ROOT, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(path.delimiter);

  const inputs = corpusFiles(o, log);
  if (o.synthetic) inputs.push(...syntheticFiles(o, tmp));
  if (!inputs.length) throw new Error('no input files (check --corpus and --only)');
  const { codecs: tools, notes } = competitors();
  const nn = o.levels.map(nnzipCodec);
  const codecs = [...nn, ...tools];
  const main = nn.find((c) => c.level === 6)?.id ?? nn[0]?.id ?? null;
  const totalRaw = inputs.reduce((s, f) => s + f.bytes, 0);
  if (path.resolve(o.lib) !== path.join(REPO_ROOT, 'dist', 'src')) notes.push(`nnzip measured from --lib ${o.lib}.`);
  notes.push(
    `nnzip runs in a fresh process per measurement (bench/worker.js, library streams, given the file's size as sizeHint like the CLI); its time covers building the model, reading, coding and writing, not Node's start-up (reported apart); ` +
      `external tools are timed as whole processes. Speeds are medians; nnzip is measured ${o.nnRepeats > 1 ? `${o.nnRepeats} times on files under ${fmtInt(o.repeatBelow)} bytes and once on larger ones` : 'once per file'}, the other tools ${o.repeats} time(s) per file.`,
    'Every round trip is verified byte for byte. MB = 10^6 bytes; RSS is the process peak (ru_maxrss), Node itself included for nnzip.',
  );
  log(`${inputs.length} files, ${(totalRaw / MB).toFixed(1)} MB; codecs: ${codecs.map((c) => c.id).join(', ')}`);

  // Same files, same run: every codec on each file before moving to the next file.
  const results: FileResult[] = [];
  for (const [i, f] of inputs.entries()) {
    const fr: FileResult = { folder: f.folder, name: f.name, bytes: f.bytes, results: {} };
    for (const c of codecs) {
      const runs = c.family === 'nnzip' ? (f.bytes < o.repeatBelow ? o.nnRepeats : 1) : o.repeats;
      const r = measure(c, f, runs, tmp);
      fr.results[c.id] = r;
      if (!r.verified) log(`ROUND TRIP FAILED: ${c.id} on ${f.folder}/${f.name}`);
    }
    const xz = fr.results['xz-9'];
    if (xz) for (const r of Object.values(fr.results)) r.ratioToXz = r.bytes / xz.bytes;
    results.push(fr);
    const m = main ? fr.results[main] : undefined;
    log(
      `[${i + 1}/${inputs.length}] ${f.folder}/${f.name} (${fmtBytes(f.bytes)})` +
        (m ? `: ${main} ${m.bpb.toFixed(3)} bpb` + (xz ? `, ${(m.bytes / xz.bytes).toFixed(3)}× xz` : '') + `, ${m.compressMBps.toFixed(3)}/${m.decompressMBps.toFixed(3)} MB/s` : ''),
    );
  }
  const groupNames = [...new Set(inputs.map((f) => f.folder))];
  const groups = groupNames.map((g) =>
    totals(
      g,
      results.filter((r) => r.folder === g),
      codecs,
    ),
  );
  const all = totals('all', results, codecs);
  const ladder = levelLadder(o.levels, [...groups, all]);
  if (ladder) notes.push(ladder);

  const scalingRows = scaling(o, tmp, log);
  const threads = threadCurve(o, tmp, log);
  const start = startup(o, tmp, log);
  if (start.note) notes.push(start.note);

  // Learning curve: a real log if there is one, else the generated syslog.
  let curveInput: InputFile | undefined;
  const want = o.curve ?? (o.quick ? 'loghub/Linux_2k.log' : 'biglog/Linux_loghub_full.log');
  const wantPath = fs.existsSync(want) ? path.resolve(want) : path.join(o.corpus, want);
  if (fs.existsSync(wantPath)) {
    curveInput = { folder: path.basename(path.dirname(wantPath)), name: path.basename(wantPath), file: wantPath, bytes: fs.statSync(wantPath).size };
  } else {
    curveInput = inputs.find((f) => f.name === 'syslog_mixed.log') ?? inputs[0];
  }
  const curveLevel = main ? Number(main.split('-')[1]) : 6;
  const refCodecs = tools.filter((c) => c.id === 'xz-9' || c.id === 'gzip-9');
  const curve = learningCurve(o, curveInput, curveLevel, refCodecs, tmp);
  const colors: Record<string, string> = { 'xz-9': '#d62728', 'gzip-9': '#7f7f7f' };
  const svg = learningCurveSvg(
    `nnzip learns as it goes: ${curve.file}`,
    `level ${curve.level}, bits per byte of each ~${fmtBytes(curve.window)} window (frames cut at line ends); dashed: other tools on the whole file`,
    curve.points,
    curve.refs.map((r) => ({ label: r.codec, bpb: r.bpb, color: colors[r.codec] ?? '#2ca02c' })),
    `nnzip level ${curve.level}`,
  );
  log(`learning curve: ${curve.points.length} windows on ${curve.file}`);

  // ---- output
  const loadAfter = os.loadavg()[0];
  const cores = os.cpus().length;
  if (Math.max(loadBefore, loadAfter) > cores / 2) {
    notes.push(
      `The machine was busy (1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end, on ${cores} cores): wall-clock speeds are low; the "cpu" columns (user + system time) are closer to an idle machine's.`,
    );
  }
  const baseline = baselineCheck(o.corpus, results);
  if (baseline) notes.push(baseline);
  const elapsed = (nowMs() - t0) / 1000;
  const machineLine = `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}; nnzip ${m.commit}; ${new Date().toISOString().slice(0, 10)}`;
  const toolLine = codecs.filter((c) => c.family === 'tool').map((c) => `${c.id}: ${c.version}`).join('; ');
  const curveTable: Table = {
    head: ['learning curve', 'value'],
    rows: [
      ['file', curve.file],
      ['windows', `${curve.points.length} of ~${fmtBytes(curve.window)}`],
      ['first window bpb', fmtNum(curve.points[0]?.bpb, 3)],
      ['last window bpb', fmtNum(curve.points[curve.points.length - 1]?.bpb, 3)],
      ['nnzip whole file bpb (these frames)', fmtNum(curve.points[curve.points.length - 1]?.cumBpb, 3)],
      ...curve.refs.map((r) => [`${r.codec} whole file bpb`, fmtNum(r.bpb, 3)]),
      ['first window below xz-9 average', curve.firstBelowXz === null ? 'never' : `ends at ${fmtBytes(curve.firstBelowXz)}`],
    ],
    leftCols: 2,
  };
  const lpaqTable = lpaq1Table(results, o.levels);
  log('size hint: the corpus files again with no hint');
  const hints = hintTable(o, results, o.levels);
  const sections: { title: string; table: (md: boolean) => Table }[] = [
    { title: 'Headline (all files; bpb = bits per byte, size/xz = compressed size relative to xz -9)', table: () => headlineTable(groups, all, codecs) },
    {
      title: `Per file: compressed bytes (smallest marked)${main ? `, and ${main}'s figures` : ''}`,
      table: (md) => perFileTable(results, [...groups, all], codecs, main, md),
    },
    { title: 'Per folder and codec', table: () => perGroupTable([...groups, all], codecs) },
    ...(scalingRows.length
      ? [
          { title: `Scaling (generated syslog-style input, ${o.scalingDecompress ? 'compression and decompression' : 'compression only'}${o.scalingGc ? '; garbage collected every second' : ''})`, table: () => scalingTable(scalingRows) },
          {
            title:
              `Scaling, peak RSS by harness (level ${o.scalingLevel}; lib: bench/worker.js, fs.createReadStream → the stream → fs.createWriteStream, decompressing into a counting sink; ` +
              `gzip (level 6), gunzip and pass-through are controls in the same harness; CLI: the commands${o.scalingThreads > 0 ? `; per added thread: (-T${o.scalingThreads} − -T1) / (threads the input's 16 MiB blocks keep busy − 1)` : ''})`,
            table: () => scalingMemoryTable(scalingRows),
          },
        ]
      : []),
    ...(threads !== null
      ? [
          {
            title: `Threads (${o.threadCurve} MiB generated syslog-style log, level ${threads.level}, ${os.availableParallelism()} cores; blocks of 16 MiB; fastest of ${threads.rounds} alternated rounds; MiB per added thread: (peak RSS − -T1's) / (threads the blocks keep busy − 1))`,
            table: () => threadTable(threads),
          },
        ]
      : []),
    ...(lpaqTable ? [{ title: 'Text against lpaq1 (its sizes quoted from issue 13, option 6, measured on this machine; not run here)', table: () => lpaqTable }] : []),
    { title: 'Size hint: hinted (as the command for a file) against unhinted (a pipe), compressed bytes', table: () => hints },
    { title: `Start-up (median of ${o.startupRuns})`, table: () => startupTable(start.rows) },
    { title: `Learning curve (bench/results/${o.quick ? 'quick-' : ''}learning-curve.svg)`, table: () => curveTable },
  ];
  const text = [
    `nnzip benchmark${o.quick ? ' (--quick)' : ''}: ${machineLine}`,
    `tools: ${toolLine}`,
    ...sections.map((s) => `\n${s.title}\n${renderText(s.table(false))}`),
    '',
    ...notes.map((n) => `note: ${n}`),
    `\nfinished in ${elapsed.toFixed(0)} s`,
  ].join('\n');
  const md = [
    `# nnzip benchmark${o.quick ? ' (--quick)' : ''}`,
    '',
    `Machine: ${machineLine}.  `,
    `Tools: ${toolLine}.  `,
    `Run: \`npm run bench${o.quick ? ' -- --quick' : ''}\`, ${elapsed.toFixed(0)} s.`,
    ...sections.map((s) => `\n## ${s.title}\n\n${renderMarkdown(s.table(true))}`),
    '',
    '## Notes',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');

  fs.mkdirSync(o.out, { recursive: true });
  const base = o.quick ? 'quick' : 'latest';
  const json = {
    mode: o.quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    elapsedSeconds: +elapsed.toFixed(1),
    machine: m,
    options: { ...o, corpus: path.relative(REPO_ROOT, o.corpus) || '.', out: undefined, lib: path.relative(REPO_ROOT, o.lib) },
    codecs: codecs.map((c) => ({ id: c.id, label: c.label, version: c.version })),
    notes,
    files: results,
    folders: groups,
    all,
    scaling: scalingRows,
    threads,
    startup: start.rows,
    learningCurve: curve,
  };
  // Five significant digits are plenty and keep the file small enough to commit.
  const body = JSON.stringify(json, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? +v.toPrecision(5) : v), 1) + '\n';
  fs.writeFileSync(path.join(o.out, `${base}.json`), body);
  fs.writeFileSync(path.join(o.out, `${base}.md`), md);
  fs.writeFileSync(path.join(o.out, `${o.quick ? 'quick-' : ''}learning-curve.svg`), svg);
  process.stdout.write(text + '\n');
  process.stdout.write(`\nwrote ${path.relative(process.cwd(), path.join(o.out, base))}.{json,md} and the learning-curve SVG\n`);
  if (results.some((f) => Object.values(f.results).some((r) => !r.verified))) {
    process.stderr.write('some round trips FAILED (see above)\n');
    process.exitCode = 1;
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
