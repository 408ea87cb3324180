/**
 * One measurement in a fresh process, so that its peak RSS belongs to that
 * measurement alone. Used by bench/run.ts; prints one JSON line.
 *
 *   node dist/bench/worker.js compress   --codec nnzip|gzip|brotli|pass [--level N] [--frame-size N] [--size-hint] [--threads N] [--block-bytes N] --in FILE --out FILE|- [--limit BYTES]
 *   node dist/bench/worker.js decompress --codec nnzip|gzip|brotli|pass [--threads N] --in FILE --out FILE
 *
 * The time covers building the codec (nnzip allocates its tables there),
 * reading, coding and writing: not Node's own start-up, reported apart.
 * gzip and brotli here are node:zlib, used only when the command is missing,
 * and as controls of the scaling test's memory rows (the same reading and
 * writing around another transform), as is `pass`, a Transform that hands
 * each chunk on as it is.
 */
import * as fs from 'node:fs';
import { Duplex, PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import type * as Nnzip from '../src/index';

// run.ts points this at its own copy of the compiled library, so that a
// rebuild of dist/ during a long run cannot mix two versions in one table.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nnzip: typeof Nnzip = require(process.env.NNZIP_BENCH_LIB || '../src/index');

export interface WorkerResult {
  ms: number;
  cpuMs: number;
  inBytes: number;
  outBytes: number;
  maxRssKB: number;
  /** Peaks of the JS heap in use and of Buffer/ArrayBuffer memory, sampled every 50 ms. */
  peakHeapKB: number;
  peakBuffersKB: number;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function makeStream(
  mode: string,
  codec: string,
  level: number,
  frameSize: number | undefined,
  size: number,
  sizeHint: boolean,
  threads = 1,
  blockBytes?: number,
): Duplex {
  if (codec === 'nnzip') {
    // With --size-hint, as the CLI does for a file: small inputs get smaller tables.
    return mode === 'compress'
      ? nnzip.createCompressor({ level, frameSize, sizeHint: sizeHint ? size : undefined, threads, blockBytes })
      : nnzip.createDecompressor({ threads });
  }
  if (codec === 'pass') return new PassThrough();
  if (codec === 'gzip') return mode === 'compress' ? zlib.createGzip({ level }) : zlib.createGunzip();
  if (codec === 'brotli') {
    return mode === 'compress'
      ? zlib.createBrotliCompress({
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: level,
            // The brotli command's default window; zlib's default is smaller.
            [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
          },
        })
      : zlib.createBrotliDecompress();
  }
  throw new Error(`unknown codec ${codec}`);
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode !== 'compress' && mode !== 'decompress') throw new Error(`usage: worker.js compress|decompress ...`);
  const codec = arg(args, '--codec') ?? 'nnzip';
  const level = Number(arg(args, '--level') ?? (codec === 'brotli' ? 11 : codec === 'gzip' ? 9 : 6));
  const fsArg = arg(args, '--frame-size');
  const frameSize = fsArg === undefined ? undefined : Number(fsArg);
  const input = arg(args, '--in');
  const output = arg(args, '--out');
  const limitArg = arg(args, '--limit');
  if (!input || !output) throw new Error('--in and --out are required');
  const size = limitArg ? Number(limitArg) : fs.statSync(input).size;

  let inBytes = 0;
  let outBytes = 0;
  // --gc-ms (with node --expose-gc): collect garbage regularly, so peak RSS shows live memory only.
  const gcMs = Number(arg(args, '--gc-ms') ?? 0);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gcMs > 0 && gc) setInterval(gc, gcMs).unref();
  let peakHeap = 0;
  let peakBuffers = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
  };
  const sampler = setInterval(sample, 50);
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const source = fs.createReadStream(input, limitArg ? { start: 0, end: size - 1 } : {});
  source.on('data', (b) => (inBytes += b.length));
  // One thread unless --threads says otherwise: the other sections measure the speed of one core.
  const threads = Number(arg(args, '--threads') ?? 1);
  const blockArg = arg(args, '--block-bytes');
  const codecStream = makeStream(mode, codec, level, frameSize, size, args.includes('--size-hint'), threads, blockArg === undefined ? undefined : Number(blockArg));
  const sink =
    output === '-'
      ? new Writable({
          write(chunk: Buffer, _enc, cb) {
            outBytes += chunk.length;
            cb();
          },
        })
      : fs.createWriteStream(output);
  await pipeline(source, codecStream, sink);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(sampler);
  sample();
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (output !== '-') outBytes = fs.statSync(output).size;
  const result: WorkerResult = { ms, cpuMs, inBytes, outBytes, maxRssKB: process.resourceUsage().maxRSS, peakHeapKB: Math.round(peakHeap / 1024), peakBuffersKB: Math.round(peakBuffers / 1024) };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((err) => {
  process.stderr.write(`worker: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
