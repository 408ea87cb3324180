/**
 * An app that logs through nnzip/pino (the real pino, its worker thread and
 * all): `node pino-child.js DIR LINES KIND OPTIONS_JSON`. It logs LINES lines
 * in batches of 500, one batch per turn of the event loop (or, with `rate`
 * in OPTIONS_JSON, that many lines per second), and prints on
 * stdout `FLUSH n` when the transport says n lines are on disk and
 * decodable (its 'nnzip:flush' event, sent once a flush's bytes are written),
 * `LOGGED` once it has logged them all, then, once all are on disk, a JSON
 * line of figures (the longest event-loop stall while logging, the time to
 * log and to have it all on disk) before it ends the logger and exits.
 */
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { LineKind, logLine, loggerOptions } from './pino-lines';

const [dir, linesArg, kindArg, optionsJson] = process.argv.slice(2);
const lines = Number(linesArg);
const kind = kindArg as LineKind;
const extra = JSON.parse(optionsJson ?? '{}') as Record<string, unknown>;
/** Lines per second, when the app logs at a steady rate (a tenth of them every 100 ms) rather than as fast as it can. */
const rate = typeof extra.rate === 'number' ? extra.rate : 0;
delete extra.rate;
const target = extra.target === 'pino/file' ? 'pino/file' : path.resolve(__dirname, '../../src/transport/pino.js');
const options = target === 'pino/file' ? { destination: path.join(dir, 'plain.log') } : { file: path.join(dir, 'app.log.nnz'), ...extra };
delete (options as Record<string, unknown>).target;

const transport = pino.transport({ target, options });
const log = pino(loggerOptions(kind), transport);
const stalls = monitorEventLoopDelay({ resolution: 1 });
const started = process.hrtime.bigint();
let loggedAt = 0n;
let i = 0;
// pino's worker does not keep the process alive: a server would, so this app does until its log is on disk.
const keepAlive = setInterval(() => {}, 1000);
// Never left behind by a test that failed: an app whose log never gets to disk gives up.
const deadline = setTimeout(() => {
  process.stderr.write('pino-child: the transport never said all lines are on disk\n');
  process.exit(3);
}, 180_000);

function finish(): void {
  const ms = (t: bigint) => Number(t - started) / 1e6;
  const cpu = process.cpuUsage(); // (the whole process: the app's thread and pino's worker)
  const figures = {
    lines,
    logMs: ms(loggedAt),
    durableMs: ms(process.hrtime.bigint()),
    cpuMs: (cpu.user + cpu.system) / 1e3,
    maxStallMs: stalls.max / 1e6,
    p99StallMs: stalls.percentile(99) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  clearInterval(keepAlive);
  clearTimeout(deadline);
  transport.end();
}

transport.on('nnzip:flush', (e: { lines: number }) => {
  process.stdout.write(`FLUSH ${e.lines}\n`);
  if (e.lines === lines) finish();
});

transport.once('ready', () => {
  stalls.enable();
  const batch = (): void => {
    for (let k = 0; k < (rate > 0 ? rate / 10 : 500) && i < lines; k++, i++) logLine(log, kind, i);
    if (i < lines) {
      if (rate > 0) setTimeout(batch, 100);
      else setImmediate(batch);
      return;
    }
    loggedAt = process.hrtime.bigint();
    process.stdout.write('LOGGED\n');
    if (target === 'pino/file') log.flush(() => finish());
  };
  batch();
});
