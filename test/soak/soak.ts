/**
 * The long soak behind `npm run soak` (not part of `npm test`).
 *
 *   npm run soak -- [--mb 200] [--level 1] [--frame-size 1048576] [--samples 40] [--json FILE]
 *
 * 1. Streams --mb MB of generated log text through createCompressor() piped
 *    into createDecompressor(), checking every byte against a second copy of
 *    the generator (nothing is kept), and samples heap, RSS and typed-array
 *    memory after a full GC at regular points: a leak shows as growth.
 * 2. Destroys level-6 compressors and decompressors mid-way and checks that
 *    they are collected and their memory returned.
 * 3. Pauses the consumer and checks the compressor stops reading its input.
 * Prints a table; writes JSON only if --json is given. Exits 1 if a check fails.
 */
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { compressSync, createCompressor, createDecompressor } from '../../src/index';
import { destroyAfter, getGc, LogGenerator, logSource, memorySample, settleAndGc, untilQuiet, verifyingSink } from '../reliability/helpers';

interface Args {
  mb: number;
  level: number;
  frameSize: number;
  samples: number;
  json: string | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { mb: 200, level: 1, frameSize: 1 << 20, samples: 40, json: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    const num = () => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${k} needs a positive number`);
      i++;
      return n;
    };
    if (k === '--mb') a.mb = num();
    else if (k === '--level') a.level = num();
    else if (k === '--frame-size') a.frameSize = num();
    else if (k === '--samples') a.samples = num();
    else if (k === '--json') {
      a.json = v;
      i++;
    } else throw new Error(`unknown argument ${k} (see the comment at the top of test/soak/soak.ts)`);
  }
  return a;
}

const gc = getGc();
const failures: string[] = [];
function check(ok: boolean, what: string): void {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

interface Sample {
  seconds: number;
  mbOut: number;
  mbCompressed: number;
  heapUsed: number;
  rss: number;
  arrayBuffers: number;
  external: number;
}

async function streamSoak(args: Args): Promise<Record<string, unknown>> {
  const total = Math.round(args.mb * 1024 * 1024);
  const every = total / args.samples;
  const samples: Sample[] = [];
  let compressed = 0;
  const t0 = Date.now();
  let next = every;
  console.log(`\n1. ${args.mb} MB of log text, level ${args.level}, frames of ${args.frameSize} bytes: compressor -> decompressor, verified`);
  console.log('   time_s   MB_out  MB_comp  heap_MiB  rss_MiB  arraybuf_MiB  external_MiB');
  const take = (out: number) => {
    gc();
    const m = memorySample();
    const s: Sample = { seconds: (Date.now() - t0) / 1000, mbOut: out / 1048576, mbCompressed: compressed / 1048576, ...m };
    samples.push(s);
    console.log(
      `   ${s.seconds.toFixed(1).padStart(6)} ${s.mbOut.toFixed(1).padStart(8)} ${s.mbCompressed.toFixed(2).padStart(8)} ${String(s.heapUsed).padStart(9)} ${String(s.rss).padStart(8)} ${String(s.arrayBuffers).padStart(13)} ${String(s.external).padStart(13)}`,
    );
  };
  take(0);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      compressed += chunk.length;
      cb(null, chunk);
    },
  });
  const sink = verifyingSink(2024, (out) => {
    if (out >= next) {
      take(out);
      next += every;
    }
  });
  await pipeline(logSource(2024, total, 64 * 1024), createCompressor({ level: args.level, frameSize: args.frameSize }), counter, createDecompressor(), sink);
  const seconds = (Date.now() - t0) / 1000;
  check(sink.total === total, `all ${total} bytes came back identical (${sink.total} verified)`);
  // Warm-up: the models and first frames are in place by 10% of the way.
  const base = samples.find((s) => s.mbOut >= args.mb * 0.1) ?? samples[1];
  const late = samples.filter((s) => s.mbOut >= args.mb * 0.5);
  const maxOf = (k: keyof Sample) => Math.max(...late.map((s) => s[k]));
  const growth = {
    heapUsed: +(maxOf('heapUsed') - base.heapUsed).toFixed(1),
    arrayBuffers: +(maxOf('arrayBuffers') - base.arrayBuffers).toFixed(1),
    rss: +(maxOf('rss') - base.rss).toFixed(1),
  };
  const speed = args.mb / seconds;
  console.log(
    `   ${seconds.toFixed(0)} s; ${speed.toFixed(3)} MB/s through both directions (one thread); ratio ${((compressed / total) * 100).toFixed(2)}% (${compressed} bytes)`,
  );
  console.log(`   growth from ${base.mbOut.toFixed(1)} MB to the max of the second half: heap ${growth.heapUsed} MiB, array buffers ${growth.arrayBuffers} MiB, RSS ${growth.rss} MiB`);
  check(growth.heapUsed < 32, `heap flat (grew ${growth.heapUsed} MiB < 32)`);
  check(growth.arrayBuffers < 32, `typed-array memory flat (grew ${growth.arrayBuffers} MiB < 32)`);
  check(growth.rss < 128, `RSS flat (grew ${growth.rss} MiB < 128)`);
  return { mb: args.mb, level: args.level, frameSize: args.frameSize, seconds, mbPerSecond: speed, compressedBytes: compressed, growth, samples };
}

/** One destroy round in its own frame, so nothing in the caller keeps the stream alive. */
async function destroyRound(kind: 'compressor' | 'decompressor', seed: number, one: Buffer): Promise<{ ref: WeakRef<object>; events: string[] }> {
  // One thread: a threaded compressor writes nothing before its first 16 MiB
  // block is coded (destroying threaded streams: test/core/threads.test.ts).
  const stream = kind === 'compressor' ? createCompressor({ level: 6, frameSize: 64 * 1024, threads: 1 }) : createDecompressor();
  const src = kind === 'compressor' ? logSource(seed, 1 << 30) : Readable.from(Array.from({ length: 50 }, () => one));
  const done = destroyAfter(stream, 2);
  src.pipe(stream);
  const { events } = await done;
  src.unpipe(stream);
  src.destroy();
  return { ref: new WeakRef(stream), events };
}

async function destroySoak(): Promise<Record<string, unknown>> {
  console.log('\n2. 10 level-6 compressors and 10 decompressors destroyed mid-way');
  const one = compressSync(new LogGenerator(5).bytes(50_000), { level: 6, frameSize: 8192 });
  await settleAndGc(gc);
  const before = memorySample();
  const refs: Array<WeakRef<object>> = [];
  let quiet = true;
  for (let i = 0; i < 10; i++) {
    for (const kind of ['compressor', 'decompressor'] as const) {
      const r = await destroyRound(kind, i, one);
      refs.push(r.ref);
      if (r.events.join() !== 'close') quiet = false;
    }
  }
  await settleAndGc(gc, 8);
  const after = memorySample();
  const alive = refs.filter((r) => r.deref() !== undefined).length;
  console.log(`   before: rss ${before.rss} MiB, array buffers ${before.arrayBuffers} MiB; after 20 destroyed: rss ${after.rss} MiB, array buffers ${after.arrayBuffers} MiB`);
  check(quiet, 'each destroyed stream emitted only close');
  check(alive === 0, `destroyed streams collected (${alive} of 20 still reachable)`);
  check(after.arrayBuffers - before.arrayBuffers < 40, `their memory returned (array buffers +${(after.arrayBuffers - before.arrayBuffers).toFixed(1)} MiB)`);
  return { before, after, stillReachable: alive };
}

async function backpressureSoak(): Promise<Record<string, unknown>> {
  console.log('\n3. backpressure: nobody reads the compressor');
  const src = logSource(77, 64 * 1024 * 1024);
  // One thread: a threaded compressor reads up to (threads + 2) blocks of
  // 16 MiB ahead of its reader, by design (its bound: test/core/threads.test.ts).
  const c = createCompressor({ level: 1, frameSize: 64 * 1024, threads: 1 });
  src.pipe(c);
  // Stalled once the count has not moved for 2 s (a 64 KiB frame takes well under that).
  await untilQuiet(() => src.pulled, 2000, 10 * 60_000);
  console.log(`   pulled ${src.pulled} of ${64 * 1024 * 1024} bytes, then waited`);
  check(src.pulled < 2 * 1024 * 1024, 'the compressor waits for its consumer');
  src.unpipe(c);
  src.destroy();
  c.destroy();
  return { pulledWhilePaused: src.pulled };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  console.log(`nnzip soak on node ${process.version}, ${new Date().toISOString()}`);
  const result = {
    stream: await streamSoak(args),
    destroy: await destroySoak(),
    backpressure: await backpressureSoak(),
    failures,
  };
  if (args.json) {
    fs.writeFileSync(args.json, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nwrote ${args.json}`);
  }
  console.log(failures.length ? `\nsoak FAILED: ${failures.length} check(s)` : '\nsoak passed');
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
