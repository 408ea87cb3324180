/**
 * Shared helpers of the reliability tests: deterministic data, driving the
 * stream API with chosen chunkings, and classifying the outcome of a decode
 * as "exact original" or "documented NnzipError" (anything else is a bug).
 */
import { Duplex, Readable, Writable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { ErrorCode, NnzipError, createDecompressor, decompressSync } from '../../src/index';
import { BLOCK_RECORD_SIZE, FRAME_HEADER_SIZE } from '../../src/format/container';
import { walk } from '../core/crafted';
import { LogGenerator } from '../core/helpers';

export const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

// The one generator of test data is test/core/helpers.ts's.
export { LogGenerator, logText, Rng } from '../core/helpers';

/** Cuts `data` into pieces of the given sizes, cycling through them (a size of 0 is a real empty write). */
export function chunk(data: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  if (sizes.length === 0) return [data];
  let off = 0;
  let i = 0;
  while (off < data.length) {
    const n = sizes[i++ % sizes.length];
    out.push(data.subarray(off, off + n));
    off += n;
    // Guard against an all-zero size list looping forever.
    if (i > sizes.length && sizes.every((s) => s === 0)) {
      out.push(data.subarray(off));
      break;
    }
  }
  return out;
}

export interface StreamResult {
  /** Everything the stream emitted, in order. */
  output: Buffer;
  /** The error it ended with, or null if it ended normally. */
  error: unknown;
}

/** Gathers a stream's output until it ends or fails; the feeder may also call `finish`. */
function collect(stream: Duplex): { done: Promise<StreamResult>; finish: (error: unknown) => void } {
  const parts: Buffer[] = [];
  let settled = false;
  let resolve!: (r: StreamResult) => void;
  const done = new Promise<StreamResult>((r) => (resolve = r));
  const finish = (error: unknown) => {
    if (settled) return;
    settled = true;
    resolve({ output: Buffer.concat(parts), error });
  };
  stream.on('data', (b: Buffer) => parts.push(b));
  stream.on('error', finish);
  stream.on('end', () => finish(null));
  return { done, finish };
}

/**
 * Writes `chunks` into a duplex (honouring backpressure) and collects what it
 * emits until it ends or fails. Never rejects: the outcome is in the result.
 */
export function runStream(stream: Duplex, chunks: readonly Buffer[]): Promise<StreamResult> {
  const { done, finish } = collect(stream);
  // A stream that closes without 'end' or 'error' would leave a caller waiting forever.
  stream.on('close', () => setImmediate(() => finish(new Error('stream closed without end or error'))));
  (async () => {
    for (const c of chunks) {
      if (stream.destroyed) return;
      if (!stream.write(c)) {
        await new Promise<void>((r) => {
          const resume = () => {
            stream.off('drain', resume);
            stream.off('close', resume);
            r();
          };
          stream.on('drain', resume);
          stream.on('close', resume);
        });
      }
    }
    if (!stream.destroyed) stream.end();
  })().catch(finish);
  return done;
}

/** Collects a stream's output fed from a Readable (as `pipe` users do). */
export function pipeThrough(source: Readable, stream: Duplex): Promise<StreamResult> {
  const { done, finish } = collect(stream);
  source.on('error', finish);
  source.pipe(stream);
  return done;
}

/** The outcome of decoding possibly damaged input, as a short label for tallies. */
export type Outcome = 'exact' | `${string}`;

/**
 * Checks the rule every decode must obey: either the output is exactly
 * `expected`, or it failed with a documented NnzipError code. Returns the
 * label of what happened; throws an assertion-style Error on any violation.
 */
export function judgeSync(damaged: Buffer, expected: Buffer, what: string): Outcome {
  let out: Buffer;
  try {
    out = decompressSync(damaged);
  } catch (err) {
    return judgeError(err, what);
  }
  if (!out.equals(expected)) {
    throw new Error(`${what}: decompressSync returned ${out.length} wrong bytes (crc ${crc32(out)}) instead of failing`);
  }
  return 'exact';
}

const HANG_MS = 60_000;

/**
 * Same rule through the stream API, fed in chunks of `chunkSize`; output
 * emitted before an error must be a prefix of the original (a frame's bytes
 * are released only after its checksum matched).
 */
export async function judgeStream(damaged: Buffer, expected: Buffer, what: string, chunkSize = 4096): Promise<Outcome> {
  const stream = createDecompressor();
  // A hang guard, not a speed check: these inputs decode in milliseconds.
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`${what}: the stream API neither ended nor failed within ${HANG_MS / 1000} s`));
    }, HANG_MS);
  });
  let result: StreamResult;
  try {
    result = await Promise.race([runStream(stream, chunk(damaged, [chunkSize])), hang]);
  } finally {
    clearTimeout(timer);
  }
  const { output, error } = result;
  if (error !== null) {
    if (!expected.subarray(0, output.length).equals(output)) {
      throw new Error(`${what}: the stream emitted ${output.length} bytes that are not a prefix of the original before failing`);
    }
    return judgeError(error, what);
  }
  if (!output.equals(expected)) {
    throw new Error(`${what}: the stream API returned ${output.length} wrong bytes instead of failing`);
  }
  return 'exact';
}

export function judgeError(err: unknown, what: string): Outcome {
  if (err instanceof NnzipError && ERROR_CODES.has(err.code)) return err.code;
  const e = err as Error;
  const desc = e && e.stack ? e.stack : String(err);
  throw new Error(`${what}: failed with something other than a documented NnzipError: ${desc}`);
}

/** Counts outcomes by label, for the diagnostics the tests print. */
export class Tally {
  readonly counts = new Map<string, number>();
  total = 0;
  add(label: string): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    this.total++;
  }
  toString(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k.replace('ERR_NNZIP_', '')}=${v}`)
      .join(' ');
  }
}

/** The node:test context's diagnostic(), typed loosely so helpers need not import its types. */
export interface Diag {
  diagnostic(message: string): void;
}

/** Memory figures in MiB, as the soak and the resource tests sample them. */
export function memorySample(): { heapUsed: number; rss: number; arrayBuffers: number; external: number } {
  const m = process.memoryUsage();
  const mib = (n: number) => Math.round((n / 1048576) * 10) / 10;
  return { heapUsed: mib(m.heapUsed), rss: mib(m.rss), arrayBuffers: mib(m.arrayBuffers), external: mib(m.external) };
}

/**
 * A callable gc(), without needing node to be started with --expose-gc
 * (`npm test` starts the test files itself): the flag is switched on at run
 * time and gc is taken from a fresh context, where V8 then installs it.
 */
export function getGc(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const v8 = require('node:v8') as typeof import('node:v8');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const vm = require('node:vm') as typeof import('node:vm');
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** A few rounds of full GC with turns of the event loop between, so finalizers and pending callbacks run. */
export async function settleAndGc(gc: () => void, rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setImmediate(r));
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A byte range of a compressed stream and what it holds, from walking the container. */
export interface Region {
  kind: 'header' | 'frame-header' | 'payload' | 'end' | 'trailing';
  start: number;
  end: number;
}

/**
 * A valid nnzip file (one or more streams) as its regions, so the damage
 * tests can flip every bit of the structure and sample the payloads.
 */
export function regions(file: Buffer): Region[] {
  return walk(file).flatMap(({ record, at, size }): Region[] => {
    switch (record.kind) {
      case 'header':
        return [{ kind: 'header', start: at, end: at + size }];
      case 'frame': {
        // A frame that opens a block (format 3) comes with its block record: structure too.
        const head = at + (record.block === undefined ? 0 : BLOCK_RECORD_SIZE) + FRAME_HEADER_SIZE;
        return [
          { kind: 'frame-header', start: at, end: head },
          { kind: 'payload', start: head, end: at + size },
        ];
      }
      case 'end':
        return [{ kind: 'end', start: at, end: at + size }];
      case 'trailing':
        return [{ kind: 'trailing', start: at, end: at + size }];
    }
  });
}

export function flipBit(file: Buffer, offset: number, bit: number): Buffer {
  const d = Buffer.from(file);
  d[offset] ^= 1 << bit;
  return d;
}

/** A lazy source of log text that counts what is pulled from it; `limit` bytes in all. */
export function logSource(seed: number, limit: number, piece = 16 * 1024): Readable & { pulled: number } {
  const gen = new LogGenerator(seed);
  const src = new Readable({
    read() {
      if (src.pulled >= limit) {
        this.push(null);
        return;
      }
      const b = gen.bytes(Math.min(piece, limit - src.pulled));
      src.pulled += b.length;
      this.push(b);
    },
  }) as Readable & { pulled: number };
  src.pulled = 0;
  return src;
}

/** A sink that checks the bytes against a second generator with the same seed, keeping nothing. */
export function verifyingSink(seed: number, onBytes: (total: number) => void): Writable & { total: number } {
  const gen = new LogGenerator(seed);
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!gen.bytes(chunk.length).equals(chunk)) {
        cb(new Error(`decompressed bytes differ from the original near byte ${sink.total}`));
        return;
      }
      sink.total += chunk.length;
      onBytes(sink.total);
      cb();
    },
  }) as Writable & { total: number };
  sink.total = 0;
  return sink;
}

/**
 * Destroys `stream` (with `err`, if given) at its n-th 'data' event; resolves,
 * a moment after 'close', with the events seen and the data events after it.
 */
export function destroyAfter(stream: NodeJS.ReadWriteStream & { destroy(err?: Error): unknown }, n: number, err?: Error) {
  return new Promise<{ events: string[]; dataAfterClose: number }>((resolve) => {
    const events: string[] = [];
    let closed = false;
    let dataAfterClose = 0;
    let seen = 0;
    stream.on('data', () => {
      if (closed) dataAfterClose++;
      if (++seen === n) stream.destroy(err);
    });
    stream.on('error', (e: Error) => events.push(`error:${e.message}`));
    stream.on('end', () => events.push('end'));
    stream.on('close', () => {
      closed = true;
      events.push('close');
      // Give any stray slice of coding work a chance to emit after close.
      setTimeout(() => resolve({ events, dataAfterClose }), 100);
    });
  });
}

/** Waits until `value()` has not changed for `quietMs` (the pipeline is stalled), or `maxMs` passed; returns its last value. */
export async function untilQuiet(value: () => number, quietMs: number, maxMs: number): Promise<number> {
  const start = Date.now();
  let last = value();
  let since = Date.now();
  while (Date.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 50));
    const v = value();
    if (v !== last) {
      last = v;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) break;
  }
  return last;
}
