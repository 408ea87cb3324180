/**
 * What each Node binary of the crosscheck runs: compresses or decompresses a
 * list of files with the compiled library and prints the SHA-256 of every
 * result as one line of JSON. It imports only node: modules and the library
 * given on the command line, so any supported Node can run it as it is.
 *
 *   node child.js JOB.json      (see ChildJob; the result is a ChildResult)
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

export interface ChildJob {
  /** Absolute path of the compiled library (dist/src/index.js). */
  lib: string;
  op: 'compress' | 'decompress';
  level: number;
  /** `file` is read; with `out`, the result is written there too. */
  items: { key: string; file: string; out?: string }[];
}

export interface ChildItemResult {
  key: string;
  /** Of the result (the stream, or the decoded bytes); empty on error. */
  sha256: string;
  size: number;
  ms: number;
  error?: string;
}

export interface ChildResult {
  node: string;
  op: ChildJob['op'];
  level: number;
  items: ChildItemResult[];
}

interface Lib {
  compressSync(data: Uint8Array, options?: { level?: number }): Buffer;
  decompressSync(data: Uint8Array): Buffer;
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

function main(): void {
  const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as ChildJob;
  const lib = require(job.lib) as Lib;
  const items: ChildItemResult[] = [];
  for (const it of job.items) {
    const data = fs.readFileSync(it.file);
    const t0 = process.hrtime.bigint();
    try {
      const out = job.op === 'compress' ? lib.compressSync(data, { level: job.level }) : lib.decompressSync(data);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (it.out !== undefined) fs.writeFileSync(it.out, out);
      items.push({ key: it.key, sha256: sha256(out), size: out.length, ms });
    } catch (e) {
      // A failure is a result to report, not a crash: the driver names it in its table.
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      items.push({ key: it.key, sha256: '', size: 0, ms, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
  const result: ChildResult = { node: process.version, op: job.op, level: job.level, items };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main();
