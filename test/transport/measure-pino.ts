/**
 * Measures nnzip/pino as an app sees it (not a test: `node
 * dist/test/transport/measure-pino.js [LINES] [ROUNDS] [RATE]`): an app (pino-child.ts)
 * logs LINES web-request lines in batches of 500 per turn of its event loop
 * (or RATE lines per second, a tenth every 100 ms)
 * through the transport at levels 1 and 6, and through pino's own 'pino/file'
 * for comparison. Per run: lines per second until all are on disk and
 * decodable (wall clock, and per CPU second of the whole process, app and
 * worker), the longest event-loop stall the app saw (monitorEventLoopDelay),
 * and the size of the .nnz files against the plain log and gzip -6 of it.
 * Prints medians over ROUNDS rounds as a Markdown table.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expectedLog } from './pino-lines';

const lines = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
const plain = expectedLog('web', lines);
const gzipped = gzipSync(plain, { level: 6 }).length;

interface Figures {
  lines: number;
  logMs: number;
  durableMs: number;
  cpuMs: number;
  maxStallMs: number;
  p99StallMs: number;
  bytes: number;
}

function once(options: object): Figures {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-pino-measure-'));
  try {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'pino-child.js'), dir, String(lines), 'web', JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
    const figures = JSON.parse(r.stdout.trim().split('\n').pop()!) as Figures;
    figures.bytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const runs: Record<string, Figures[]> = {};
const paced = Number(process.argv[4] ?? 0);
const configs: Record<string, object> =
  paced > 0
    ? { [`pino/file (plain), ${paced} lines/s`]: { target: 'pino/file', rate: paced }, [`nnzip/pino level 6, ${paced} lines/s`]: { rate: paced } }
    : { 'pino/file (plain)': { target: 'pino/file' }, 'nnzip/pino level 1': { level: 1 }, 'nnzip/pino level 6 (default)': {} };
for (let k = 0; k < rounds; k++) {
  for (const [name, options] of Object.entries(configs)) (runs[name] ??= []).push(once(options));
}

console.log(`${lines.toLocaleString('en')} lines, ${plain.length.toLocaleString('en')} bytes (${(plain.length / lines).toFixed(0)} per line); gzip -6: ${gzipped.toLocaleString('en')} bytes (${(gzipped / plain.length).toFixed(4)}); medians of ${rounds} rounds, ${os.loadavg()[0].toFixed(1)} load\n`);
console.log('| output | lines/s (wall, until on disk) | lines per CPU s | longest stall | p99 stall | size | vs plain | vs gzip -6 |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, rs] of Object.entries(runs)) {
  const bytes = median(rs.map((r) => r.bytes));
  const wall = median(rs.map((r) => (r.lines / r.durableMs) * 1000));
  const cpu = median(rs.map((r) => (r.lines / r.cpuMs) * 1000));
  console.log(
    `| ${name} | ${Math.round(wall).toLocaleString('en')} | ${Math.round(cpu).toLocaleString('en')} | ${median(rs.map((r) => r.maxStallMs)).toFixed(1)} ms | ${median(rs.map((r) => r.p99StallMs)).toFixed(1)} ms | ${bytes.toLocaleString('en')} | ${(bytes / plain.length).toFixed(4)} | ${(bytes / gzipped).toFixed(3)} |`,
  );
}
