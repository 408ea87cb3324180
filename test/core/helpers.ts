/**
 * Shared test helpers: deterministic data generators (tests never read
 * ../shared and never depend on Math.random, so a failure reproduces) and
 * small stream utilities.
 */
import type { Duplex } from 'node:stream';
import { BLOCK_RECORD_SIZE, FRAME_HEADER_SIZE } from '../../src/format/container';
import { walk } from './crafted';

/** xorshift32: a tiny seeded generator, good enough for test data. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
  /** Uniform double in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = this.u32() & 255;
    return b;
  }
}

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'] as const;
const SERVICES = ['api', 'auth', 'billing', 'worker', 'scheduler'] as const;
const PATHS = ['/api/v1/items', '/api/v1/users', '/login', '/health', '/api/v2/orders/search', '/static/app.js'] as const;
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'] as const;
const MESSAGES = [
  'request completed',
  'cache miss, fetching from upstream',
  'retrying connection to db-primary',
  'user session refreshed',
  'slow query detected',
  'job finished',
] as const;

/**
 * An endless, deterministic stream of synthetic server log lines (LF-terminated):
 * the tests' one log generator. The same seed gives the same lines; never
 * change what it writes: test/crosscheck/expected.json holds a digest of them.
 */
export class LogGenerator {
  private readonly r: Rng;
  private t = Date.UTC(2024, 2, 14, 9, 30, 0);
  private carry = '';

  constructor(seed = 1) {
    this.r = new Rng(seed);
  }

  /** The next line, with its LF. */
  next(): string {
    const r = this.r;
    this.t += r.int(2500);
    const ts = new Date(this.t).toISOString();
    const lvl = r.pick(LEVELS);
    const svc = r.pick(SERVICES);
    const ip = `10.${r.int(4)}.${r.int(256)}.${r.int(256)}`;
    const line =
      r.int(4) === 0
        ? `${ts} ${lvl.padEnd(5)} [${svc}] ${r.pick(MESSAGES)} trace=${r.u32().toString(16).padStart(8, '0')}`
        : `${ts} ${lvl.padEnd(5)} [${svc}] ${ip} "${r.pick(METHODS)} ${r.pick(PATHS)}/${r.int(5000)} HTTP/1.1" ${r.pick([200, 200, 200, 201, 304, 404, 500])} ${r.int(90000)} ${r.int(1500)}ms`;
    return line + '\n';
  }

  /**
   * The next `size` bytes of the line stream. The rest of a cut line is kept
   * for the next call, so the stream is the same however it is sliced.
   */
  bytes(size: number): Buffer {
    const parts: string[] = [this.carry];
    let n = this.carry.length;
    while (n < size) {
      const l = this.next();
      parts.push(l);
      n += l.length;
    }
    const all = parts.join('');
    this.carry = all.slice(size);
    return Buffer.from(all.slice(0, size), 'latin1');
  }
}

/** The first `size` bytes of LogGenerator(seed)'s lines (cut exactly). */
export function logText(size: number, seed = 1): Buffer {
  return new LogGenerator(seed).bytes(size);
}

/** Writes `data` to `stream` in `chunkSize` pieces (honouring backpressure) and collects what it outputs. */
export async function throughStream(stream: Duplex, data: Buffer, chunkSize: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (b: Buffer) => parts.push(b));
    stream.on('error', reject);
    stream.on('end', resolve);
  });
  let failed = false;
  done.catch(() => {
    failed = true;
  });
  for (let i = 0; i < data.length && !failed; i += chunkSize) {
    if (!stream.write(data.subarray(i, Math.min(i + chunkSize, data.length)))) {
      await new Promise<void>((resolve) => {
        const go = () => {
          stream.off('drain', go);
          stream.off('error', go);
          resolve();
        };
        stream.on('drain', go);
        stream.on('error', go);
      });
    }
  }
  if (!failed) stream.end();
  await done;
  return Buffer.concat(parts);
}

/** The records of one or more concatenated streams, for tests that look inside. */
export interface ParsedRecord {
  kind: 'header' | 'frame' | 'end';
  offset: number;
  type?: number;
  rawLength?: number;
  payloadLength?: number;
}

export function parseRecords(b: Buffer): ParsedRecord[] {
  return walk(b).flatMap(({ record: r, at, size }): ParsedRecord[] => {
    if (r.kind === 'frame') {
      // A frame that opens a block (format 3) comes with its block record: offset and size are the frame's own.
      const skip = r.block === undefined ? 0 : BLOCK_RECORD_SIZE;
      return [{ kind: 'frame', offset: at + skip, type: r.type, rawLength: r.rawLength, payloadLength: size - skip - FRAME_HEADER_SIZE }];
    }
    return r.kind === 'trailing' ? [] : [{ kind: r.kind, offset: at }];
  });
}

/**
 * A log of a few line shapes with long repeated fields (user agents, paths,
 * host names): model 3's runs cover most of it. About 200 bytes a line.
 */
export function runsLogText(lines: number, seed = 1): Buffer {
  const r = new Rng(seed);
  const agents = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 'curl/8.5.0', 'Go-http-client/1.1'];
  const paths = ['/api/v1/orders/summary?include=items,customer', '/static/js/application.bundle.min.js', '/healthz', '/api/v2/users/preferences/notifications'];
  const out: string[] = [];
  let t = 1700000000;
  for (let i = 0; i < lines; i++) {
    t += r.int(3);
    const status = r.int(10) === 0 ? 404 : 200;
    out.push(
      `192.168.${r.int(4)}.${10 + r.int(3)} - - [${t}] "GET ${r.pick(paths)} HTTP/1.1" ${status} ${1000 + r.int(50)} "-" "${r.pick(agents)}"\tupstream=backend-cluster-primary.internal.example.com:8443\n`,
    );
  }
  return Buffer.from(out.join(''), 'latin1');
}
