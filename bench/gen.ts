/**
 * Deterministic synthetic inputs: the same seed gives the same bytes on
 * every machine, so sizes in bench/results are comparable across runs.
 * The logs imitate what nnzip is for: lines that mostly repeat the line
 * before with timestamps, addresses, ids and counters changing.
 */
import * as fs from 'node:fs';

/** xorshift32: tiny, seedable, good enough to vary log fields. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  int(n: number): number {
    return this.next() % n;
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
  /** Skewed choice: low indexes are much more frequent, like real traffic. */
  skew<T>(a: readonly T[]): T {
    const r = this.int(a.length);
    return a[this.int(r + 1)];
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this.next().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOSTS = ['web01', 'web02', 'web03', 'db01', 'cache01'];
const USERS = ['root', 'admin', 'deploy', 'ubuntu', 'test', 'oracle', 'git', 'postgres', 'guest', 'user1'];
const PATHS = [
  '/',
  '/index.html',
  '/api/v1/items',
  '/api/v1/users',
  '/api/v2/orders',
  '/static/app.js',
  '/static/style.css',
  '/images/logo.png',
  '/login',
  '/search',
  '/favicon.ico',
  '/robots.txt',
];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'curl/8.4.0',
  'Go-http-client/1.1',
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
];
const STATUS = [200, 200, 200, 200, 304, 200, 404, 301, 500, 403];
const SERVICES = ['api', 'auth', 'billing', 'search', 'worker'];
const LEVELS = ['info', 'info', 'info', 'debug', 'warn', 'error'];
const MSGS = [
  'request completed',
  'cache miss',
  'user logged in',
  'payment authorised',
  'job finished',
  'retrying upstream call',
  'slow query',
];

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** A clock that moves forward by small random steps. */
class Clock {
  t: number; // seconds since 2024-01-01 00:00:00 UTC (no leap years matter over a few months)
  ms = 0;
  constructor(private readonly rng: Rng) {
    this.t = 60 * 86400 + 3 * 3600;
  }
  tick(): void {
    const r = this.rng.int(100);
    this.t += r < 60 ? 0 : r < 90 ? 1 : this.rng.int(30);
    this.ms = this.rng.int(1000);
  }
  private parts() {
    let d = Math.floor(this.t / 86400);
    const s = this.t % 86400;
    const mdays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let m = 0;
    while (d >= mdays[m]) d -= mdays[m++];
    return { mon: m, day: d + 1, hh: Math.floor(s / 3600), mm: Math.floor(s / 60) % 60, ss: s % 60 };
  }
  syslog(): string {
    const p = this.parts();
    return `${MONTHS[p.mon]} ${String(p.day).padStart(2)} ${pad2(p.hh)}:${pad2(p.mm)}:${pad2(p.ss)}`;
  }
  clf(): string {
    const p = this.parts();
    return `${pad2(p.day)}/${MONTHS[p.mon]}/2024:${pad2(p.hh)}:${pad2(p.mm)}:${pad2(p.ss)} +0000`;
  }
  iso(): string {
    const p = this.parts();
    return `2024-${pad2(p.mon + 1)}-${pad2(p.day)}T${pad2(p.hh)}:${pad2(p.mm)}:${pad2(p.ss)}.${String(this.ms).padStart(3, '0')}Z`;
  }
}

/** Line generators: each call returns one line, newline included. */
export type LineGen = () => string;

export function syslogLines(seed: number): LineGen {
  const rng = new Rng(seed);
  const clock = new Clock(rng);
  // A pool of regular clients plus the occasional stranger, as in real logs.
  const pool = Array.from({ length: 200 }, () => `${10 + rng.int(200)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`);
  const ip = () => (rng.int(10) < 8 ? rng.skew(pool) : `${1 + rng.int(223)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`);
  let pid = 1000 + rng.int(5000);
  let uptime = 100000 + rng.int(100000);
  let session = 100 + rng.int(1000);
  return () => {
    clock.tick();
    uptime += rng.int(5000) / 1000;
    const host = rng.skew(HOSTS);
    const head = `${clock.syslog()} ${host}`;
    const r = rng.int(100);
    if (r < 40) {
      const path = rng.skew(PATHS) + (rng.int(3) === 0 ? `/${rng.int(10000)}` : '');
      return `${head} nginx: ${ip()} - - [${clock.clf()}] "${rng.int(5) ? 'GET' : 'POST'} ${path} HTTP/1.1" ${rng.pick(STATUS)} ${rng.int(20000)} "-" "${rng.skew(AGENTS)}"\n`;
    }
    if (r < 60) {
      if (rng.int(4) === 0) pid += 1 + rng.int(20);
      const port = 1024 + rng.int(64000);
      return rng.int(3)
        ? `${head} sshd[${pid}]: Failed password for invalid user ${rng.skew(USERS)} from ${ip()} port ${port} ssh2\n`
        : `${head} sshd[${pid}]: Connection closed by ${ip()} port ${port} [preauth]\n`;
    }
    if (r < 72) {
      return `${head} kernel: [${uptime.toFixed(6)}] IN=eth0 OUT= SRC=${ip()} DST=10.0.0.${1 + rng.int(8)} LEN=${40 + rng.int(1400)} TTL=${32 + rng.int(96)} ID=${rng.int(65536)} PROTO=TCP SPT=${1024 + rng.int(64000)} DPT=${rng.pick([22, 80, 443, 3306, 8080])} WINDOW=${rng.int(65536)} SYN\n`;
    }
    if (r < 82) {
      pid += 1 + rng.int(5);
      return `${head} CRON[${pid}]: (${rng.pick(['root', 'www-data'])}) CMD (${rng.pick(['run-parts /etc/cron.hourly', '/usr/lib/php/sessionclean', 'test -x /usr/sbin/anacron'])})\n`;
    }
    if (r < 92) {
      session += 1;
      return `${head} systemd[1]: Started Session ${session} of user ${rng.skew(USERS)}.\n`;
    }
    return `${head} app[${pid}]: worker ${rng.int(16)} processed ${rng.int(5000)} jobs in ${rng.int(100000) / 100} ms (queue=${rng.int(300)})\n`;
  };
}

export function jsonLines(seed: number): LineGen {
  const rng = new Rng(seed);
  const clock = new Clock(rng);
  let reqId = 1 + rng.int(100000);
  return () => {
    clock.tick();
    reqId += 1 + rng.int(3);
    const level = rng.skew(LEVELS);
    const fields = [
      `"ts":"${clock.iso()}"`,
      `"level":"${level}"`,
      `"service":"${rng.skew(SERVICES)}"`,
      `"msg":"${rng.skew(MSGS)}"`,
      `"request_id":${reqId}`,
      `"method":"${rng.int(4) ? 'GET' : 'POST'}"`,
      `"path":"${rng.skew(PATHS)}"`,
      `"status":${rng.pick(STATUS)}`,
      `"duration_ms":${(rng.int(200000) / 1000).toFixed(3)}`,
      `"client_ip":"192.168.${rng.int(4)}.${1 + rng.int(254)}"`,
      `"trace_id":"${rng.hex(32)}"`,
    ];
    if (level === 'error') fields.push(`"error":{"type":"UpstreamTimeout","retry":${rng.int(5)}}`);
    return `{${fields.join(',')}}\n`;
  };
}

/** Writes lines until the file reaches `bytes` (cut at a line end, so it ends slightly past), or exactly `bytes` if `exact`. */
export function writeLines(file: string, gen: LineGen, bytes: number, exact = false): number {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  try {
    let chunk: string[] = [];
    let chunkLen = 0;
    const flush = () => {
      let buf = Buffer.from(chunk.join(''), 'latin1');
      if (exact && written + buf.length > bytes) buf = buf.subarray(0, bytes - written);
      fs.writeSync(fd, buf);
      written += buf.length;
      chunk = [];
      chunkLen = 0;
    };
    while (written + chunkLen < bytes) {
      const line = gen();
      chunk.push(line);
      chunkLen += line.length;
      if (chunkLen >= 1 << 20) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

/** Incompressible bytes: shows that nnzip stores what it cannot shrink. */
export function writeRandom(file: string, seed: number, bytes: number): number {
  const rng = new Rng(seed);
  const b = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) {
    const v = rng.next();
    for (let k = 0; k < 4 && i + k < bytes; k++) b[i + k] = (v >>> (8 * k)) & 255;
  }
  fs.writeFileSync(file, b);
  return bytes;
}
