/**
 * Regenerates the golden vectors: `npm run build && npm run golden`.
 *
 * Each vector is an original file and its compressed form under some
 * options; manifest.json lists them with sizes and SHA-256 digests, and
 * golden.test.ts checks that this build still decodes every .nnz to its
 * original AND still compresses every original to exactly the same bytes.
 * So any change to the model or the format shows up as a failing test: a
 * new model gets a new model id (src/model/presets.ts) while the old one
 * stays decodable, its vectors kept as `legacy` (decode only); FORMAT_VERSION
 * is bumped only if the container changes, the old version's vectors kept
 * the same way. Since nnzip 0.2.0 a released model id or format version is
 * frozen: regenerating may only add vectors for a new, unreleased id.
 *
 * Originals are generated deterministically here (never from ../shared),
 * and an original that already exists is kept, so rerunning the script
 * after a model change re-encodes the same inputs.
 * `--regenerate-originals` rewrites them too.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compressSync, CompressOptions, decompressSync, FORMAT_VERSION } from '../../src/index';
import { walk } from '../core/crafted';

/** The source directory (this file runs from dist/test/golden/). */
export const GOLDEN_DIR = resolve(__dirname, '../../../test/golden');
export const MANIFEST = 'manifest.json';

export interface GoldenVector {
  name: string;
  description: string;
  original: string;
  compressed: string;
  options: CompressOptions;
  originalSize: number;
  compressedSize: number;
  originalSha256: string;
  compressedSha256: string;
  /** Type byte of each frame (1 coded, 2 stored), for information. */
  frameTypes: number[];
}

export interface GoldenManifest {
  formatVersion: number;
  regenerate: string;
  /** Written by this build: must decode, and re-encode to the same bytes. */
  vectors: GoldenVector[];
  /**
   * Written by earlier releases or formats (model 1 in model1/, format 1 of
   * model 2 in format1/, model 2 in model2/): must still decode (model 2's
   * must also re-encode when model 2 is asked for). They are carried over
   * unchanged when the vectors are regenerated.
   */
  legacy: GoldenVector[];
}

export function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** xorshift32, local to this script so the originals never change with test helpers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const HAND_WRITTEN_LOG = `2024-03-14 09:30:00,001 INFO  [main] o.e.server.Bootstrap - starting server version=3.2.1 pid=41873
2024-03-14 09:30:00,017 INFO  [main] o.e.server.Config - loaded /etc/example/server.yaml (12 keys)
2024-03-14 09:30:00,018 WARN  [main] o.e.server.Config - key 'cache.size' is deprecated, use 'cache.maxBytes'
2024-03-14 09:30:00,240 INFO  [main] o.e.db.Pool - connected to db-primary:5432 (pool size 16)
2024-03-14 09:30:00,241 INFO  [main] o.e.db.Pool - connected to db-replica-1:5432 (pool size 8)
2024-03-14 09:30:00,502 INFO  [main] o.e.http.Listener - listening on 0.0.0.0:8080
2024-03-14 09:30:01,113 DEBUG [http-1] o.e.http.Access - 10.0.3.17 GET /health 200 0.4ms
2024-03-14 09:30:02,871 INFO  [http-2] o.e.http.Access - 10.0.8.201 GET /api/v1/items?page=1 200 12.9ms
2024-03-14 09:30:02,905 INFO  [http-3] o.e.http.Access - 10.0.8.201 GET /api/v1/items?page=2 200 11.2ms
2024-03-14 09:30:03,417 ERROR [http-4] o.e.api.Items - failed to load item 9921: not found
java.lang.IllegalStateException: item 9921 not found
\tat org.example.api.Items.load(Items.java:88)
\tat org.example.http.Router.dispatch(Router.java:142)
\tat java.base/java.lang.Thread.run(Thread.java:1583)
2024-03-14 09:30:03,418 INFO  [http-4] o.e.http.Access - 10.0.8.201 GET /api/v1/items/9921 404 3.0ms
2024-03-14 09:30:05,000 INFO  [sched-1] o.e.jobs.Cleanup - removed 37 expired sessions in 8ms
2024-03-14 09:30:07,663 WARN  [http-1] o.e.http.Access - 10.0.1.9 POST /login 401 25.1ms user="alice"
2024-03-14 09:30:07,990 INFO  [http-2] o.e.http.Access - 10.0.1.9 POST /login 200 31.7ms user="alice"
`;

function appLog(): Buffer {
  const next = rng(2024);
  const threads = ['http-1', 'http-2', 'http-3', 'http-4', 'sched-1'];
  const paths = ['/health', '/api/v1/items', '/api/v1/users/me', '/api/v1/orders', '/static/app.css'];
  const lines: string[] = [HAND_WRITTEN_LOG];
  let ms = (9 * 3600 + 30 * 60 + 8) * 1000;
  for (let i = 0; i < 90; i++) {
    ms += next() % 1800;
    const h = Math.floor(ms / 3600000);
    const m = Math.floor(ms / 60000) % 60;
    const s = Math.floor(ms / 1000) % 60;
    const ts = `2024-03-14 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
    const status = [200, 200, 200, 200, 304, 404, 500][next() % 7];
    const level = status >= 500 ? 'ERROR' : status >= 400 ? 'WARN ' : 'INFO ';
    const ip = `10.0.${next() % 10}.${next() % 256}`;
    const dur = ((next() % 40000) / 1000).toFixed(1);
    lines.push(`${ts} ${level} [${threads[next() % threads.length]}] o.e.http.Access - ${ip} GET ${paths[next() % paths.length]} ${status} ${dur}ms\n`);
  }
  return Buffer.from(lines.join(''), 'latin1');
}

function crlfText(): Buffer {
  const rows = ['Name,Department,Start date,Salary'];
  const next = rng(7);
  const names = ['Ana Souza', 'Bo Chen', 'Chidi Okafor', 'Dana Levi', 'Eero Virtanen', 'Fatima Zahra', 'Gustav Berg'];
  const depts = ['Engineering', 'Finance', 'Sales', 'Support'];
  for (let i = 0; i < 60; i++) {
    rows.push(`${names[next() % names.length]},${depts[next() % depts.length]},20${10 + (next() % 14)}-0${1 + (next() % 9)}-1${next() % 10},${40000 + (next() % 80) * 1000}`);
  }
  return Buffer.from(rows.join('\r\n') + '\r\n', 'latin1');
}

function binaryWithNuls(): Buffer {
  const parts: Buffer[] = [];
  parts.push(Buffer.from('BIN\0\x01\0\0\0', 'latin1'));
  parts.push(Buffer.alloc(256)); // a run of NULs
  parts.push(Buffer.from(Array.from({ length: 256 }, (_, i) => i))); // every byte value
  // 128 little-endian records: u32 id, u16 kind, u16 flags, f64 value.
  const rec = Buffer.alloc(128 * 16);
  for (let i = 0; i < 128; i++) {
    rec.writeUInt32LE(1000 + i, i * 16);
    rec.writeUInt16LE(i % 3, i * 16 + 4);
    rec.writeUInt16LE(i & 0x10 ? 0x8000 : 0, i * 16 + 6);
    rec.writeDoubleLE(i * 0.25, i * 16 + 8);
  }
  parts.push(rec);
  parts.push(Buffer.from('key\0value\0name\0nnzip\0\n\0\0\0', 'latin1'));
  parts.push(Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)));
  return Buffer.concat(parts);
}

function randomBytes(n: number): Buffer {
  const next = rng(99);
  return Buffer.from(Array.from({ length: n }, () => next() & 255));
}

/** Just over the 64 KiB sentence cap, with no line feed at all. */
function longLine(): Buffer {
  const next = rng(64);
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'status=ok', 'id=17', 'GET', '/api/v1/items'];
  let s = '';
  while (s.length < 66000) s += words[next() % words.length] + ' ';
  return Buffer.from(s.slice(0, 66000), 'latin1');
}

/**
 * A log of few line shapes with long repeated fields: model 3's runs (a
 * decision for the match's bytes up to the next space) cover most of it.
 */
function runsLog(): Buffer {
  const next = rng(33);
  const agents = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36', 'curl/8.5.0', 'Go-http-client/1.1'];
  const paths = ['/api/v1/orders/summary?include=items,customer', '/static/js/application.bundle.min.js', '/healthz'];
  const lines: string[] = [];
  let t = 1700000000;
  for (let i = 0; i < 400; i++) {
    t += next() % 3;
    const ip = `192.168.${next() % 4}.${10 + (next() % 3)}`;
    const status = next() % 10 === 0 ? 404 : 200;
    lines.push(`${ip} - - [${t}] "GET ${paths[next() % paths.length]} HTTP/1.1" ${status} ${1000 + (next() % 50)} "-" "${agents[next() % agents.length]}" upstream=backend-cluster-primary.internal.example.com:8443\n`);
  }
  return Buffer.from(lines.join(''), 'latin1');
}

const ORIGINALS: Record<string, () => Buffer> = {
  'empty.bin': () => Buffer.alloc(0),
  'app.log': appLog,
  'crlf.csv': crlfText,
  'binary.bin': binaryWithNuls,
  'random.bin': () => randomBytes(1500),
  'longline.txt': longLine,
  'runs.log': runsLog,
};

const SPECS: Array<{ name: string; description: string; original: string; options: CompressOptions }> = [
  { name: 'empty', description: 'empty input, default options', original: 'empty.bin', options: {} },
  { name: 'log-l1', description: 'log excerpt, level 1', original: 'app.log', options: { level: 1 } },
  { name: 'log-l9', description: 'log excerpt, level 9', original: 'app.log', options: { level: 9 } },
  { name: 'log-multiframe', description: 'log excerpt in 1 KiB frames, level 3', original: 'app.log', options: { level: 3, frameSize: 1024 } },
  { name: 'log-tablebits', description: 'log excerpt, level 5, smallest table', original: 'app.log', options: { level: 5, tableBits: 10 } },
  { name: 'crlf', description: 'CRLF text (CSV), level 6', original: 'crlf.csv', options: { level: 6 } },
  { name: 'binary', description: 'binary records with NUL runs and every byte value, level 6', original: 'binary.bin', options: { level: 6 } },
  { name: 'random-stored', description: 'incompressible bytes (a stored frame), level 2', original: 'random.bin', options: { level: 2 } },
  { name: 'runs-l6', description: 'log with long repeated fields (model 3 runs) in 4 KiB frames, level 6', original: 'runs.log', options: { level: 6, frameSize: 4096 } },
  {
    name: 'runs-blocks',
    description: 'log in blocks of >= 16 KiB with a 4 KiB prime (format 3: block records, index, type-5 end), level 6',
    original: 'runs.log',
    options: { level: 6, frameSize: 4096, blockBytes: 16384, primeBytes: 4096 },
  },
  { name: 'runs-l7', description: 'log with long repeated fields (model 3 runs), level 7 (level 6 with log contexts)', original: 'runs.log', options: { level: 7 } },
  { name: 'runs-l8', description: 'log with long repeated fields (model 3 runs), level 8', original: 'runs.log', options: { level: 8 } },
  { name: 'runs-l9', description: 'log with long repeated fields (model 3 runs), level 9', original: 'runs.log', options: { level: 9 } },
  { name: 'longline', description: 'one 66000-byte line without a newline (crosses the 64 KiB sentence cap), level 1', original: 'longline.txt', options: { level: 1 } },
];

function frameTypes(c: Buffer): number[] {
  return walk(c).flatMap((w) => (w.record.kind === 'frame' ? [w.record.type] : []));
}

export function readManifest(): GoldenManifest {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, MANIFEST), 'utf8')) as GoldenManifest;
}

function main(): void {
  const regenerate = process.argv.includes('--regenerate-originals');
  for (const [file, make] of Object.entries(ORIGINALS)) {
    const path = join(GOLDEN_DIR, file);
    if (regenerate || !existsSync(path)) writeFileSync(path, make());
  }
  const vectors: GoldenVector[] = SPECS.map((s) => {
    const original = readFileSync(join(GOLDEN_DIR, s.original));
    const compressed = compressSync(original, s.options);
    if (!decompressSync(compressed).equals(original)) throw new Error(`${s.name}: round trip failed`);
    const file = `${s.name}.nnz`;
    writeFileSync(join(GOLDEN_DIR, file), compressed);
    return {
      name: s.name,
      description: s.description,
      original: s.original,
      compressed: file,
      options: s.options,
      originalSize: original.length,
      compressedSize: compressed.length,
      originalSha256: sha256(original),
      compressedSha256: sha256(compressed),
      frameTypes: frameTypes(compressed),
    };
  });
  const manifest: GoldenManifest = {
    formatVersion: FORMAT_VERSION,
    regenerate: 'npm run build && npm run golden',
    vectors,
    legacy: existsSync(join(GOLDEN_DIR, MANIFEST)) ? readManifest().legacy ?? [] : [],
  };
  writeFileSync(join(GOLDEN_DIR, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  for (const v of vectors) {
    console.log(`${v.name.padEnd(16)} ${String(v.originalSize).padStart(6)} -> ${String(v.compressedSize).padStart(6)}  frames ${v.frameTypes.join(',') || '-'}`);
  }
}

if (require.main === module) main();
