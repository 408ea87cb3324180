/** Small helpers shared by the benchmark runner and its worker. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** dist/bench/*.js -> the repository root. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const MB = 1e6; // throughput is in MB/s with MB = 10^6 bytes, like the corpus notes
export const MIB = 1 << 20;

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** GNU time reports the child's ru_maxrss; without it external tools get no RSS figure. */
export const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
/** bash's `times` gives children's CPU time in milliseconds (GNU time only in hundredths). */
const BASH = hasCommand('bash') ? 'bash' : null;

export interface ProcMeasure {
  ms: number;
  /** User + system CPU time: less disturbed than wall time when the machine is busy. */
  cpuMs: number | null;
  maxRssKB: number | null;
}

const seconds = (s: string) => {
  const m = /^(\d+)m([\d.]+)s$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/**
 * Runs a command with stdin and stdout redirected to files, timing the whole
 * process (start-up included: it is what a user of the tool waits for).
 */
export function runTimed(cmd: string, args: string[], stdinPath: string, stdoutPath: string): ProcMeasure {
  const inFd = fs.openSync(stdinPath, 'r');
  const outFd = fs.openSync(stdoutPath, 'w');
  const rssFile = stdoutPath + '.rss';
  try {
    let argv = GNU_TIME ? [GNU_TIME, '-f', '%M', '-o', rssFile, cmd, ...args] : [cmd, ...args];
    // The wrapper's `times` goes to stderr so that stdout stays the tool's output.
    if (BASH) argv = [BASH, '-c', '"$@"; s=$?; times >&2; exit $s', 'bench', ...argv];
    const t0 = nowMs();
    const r = spawnSync(argv[0], argv.slice(1), { stdio: [inFd, outFd, 'pipe'], encoding: 'utf8' });
    const ms = nowMs() - t0;
    if (r.error) throw r.error;
    if (r.status !== 0) {
      throw new Error(`${cmd} ${args.join(' ')} failed (status ${r.status}): ${String(r.stderr).trim()}`);
    }
    let cpuMs: number | null = null;
    if (BASH) {
      const lines = r.stderr.trim().split('\n');
      const children = (lines[lines.length - 1] ?? '').trim().split(/\s+/).map(seconds);
      if (children.length === 2 && children.every(Number.isFinite)) cpuMs = (children[0] + children[1]) * 1000;
    }
    let maxRssKB: number | null = null;
    if (GNU_TIME) {
      const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
      maxRssKB = Number(lines[lines.length - 1]);
      fs.rmSync(rssFile, { force: true });
    }
    return { ms, cpuMs, maxRssKB };
  } finally {
    fs.closeSync(inFd);
    fs.closeSync(outFd);
  }
}

export function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n')[0] ?? '';
}

export function fmtInt(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function fmtNum(n: number | null | undefined, digits: number): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);
}

export function fmtBytes(n: number): string {
  if (n >= MIB) return `${(n / MIB).toFixed(n >= 10 * MIB ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${n} B`;
}

/** A table rendered both as aligned plain text (terminal) and as Markdown (README, docs). */
export interface Table {
  head: string[];
  rows: string[][];
  /** Columns aligned left; the rest are right-aligned numbers. */
  leftCols?: number;
}

export function renderText(t: Table): string {
  const left = t.leftCols ?? 1;
  const w = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < left ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ').trimEnd();
  return [line(t.head), w.map((n) => '-'.repeat(n)).join('  '), ...t.rows.map(line)].join('\n');
}

export function renderMarkdown(t: Table): string {
  const left = t.leftCols ?? 1;
  const sep = t.head.map((_, i) => (i < left ? '---' : '---:'));
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(t.head), line(sep), ...t.rows.map(line)].join('\n');
}
