/**
 * The crosscheck's inputs: the originals of the golden vectors and one
 * generated log, large enough to wrap level 6's match history (2^22 bytes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rng, logText } from '../core/helpers';

/** 5 MiB: more than level 6's 4 MiB match history, so the history wraps. */
export const BIG_SIZE = 5 * 1024 * 1024;
export const BIG_SEED = 0x6e6e7a31; // "nnz1"
export const BIG_NAME = 'generated-5MiB.log';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'] as const;

/**
 * Generated log text. logText alone is mostly predictable (the guesses take
 * most bytes), so each line also gets random ids, and some a random payload,
 * which the network has to code bit by bit; four logText seeds alternate in
 * blocks so that the vocabulary of numbers and timestamps keeps changing,
 * and the hashed table keeps seeing new contexts.
 */
export function bigInput(size = BIG_SIZE, seed = BIG_SEED): Buffer {
  const r = new Rng(seed);
  const sources = [0, 1, 2, 3].map((k) => logText(Math.ceil(size / 3), seed + 101 * (k + 1)).toString('latin1').split('\n'));
  const cursor = [0, 0, 0, 0];
  const parts: string[] = [];
  let total = 0;
  let src = 0;
  while (total < size) {
    if (r.int(200) === 0) src = r.int(4); // switch the source every ~200 lines
    const lines = sources[src];
    let line = lines[cursor[src]++ % (lines.length - 1)];
    line += ` req=${r.u32().toString(16).padStart(8, '0')}${r.u32().toString(16).padStart(8, '0')}`;
    if (r.int(3) === 0) line += ` user=${r.pick(USERS)}${r.int(100000)}`;
    if (r.int(7) === 0) {
      const n = 12 + r.int(37);
      let p = '';
      for (let i = 0; i < n; i++) p += B64[r.int(64)];
      line += ` payload=${p}`;
    }
    parts.push(line, '\n');
    total += line.length + 1;
  }
  return Buffer.from(parts.join(''), 'latin1').subarray(0, size);
}

export interface Input {
  name: string;
  /** Where it lies: a golden original, or the generated file written for this run. */
  file: string;
}

/** The golden originals, by test/golden/manifest.json (each file once). */
export function goldenInputs(repoRoot: string): Input[] {
  const dir = path.join(repoRoot, 'test', 'golden');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { vectors: { original: string }[] };
  const names = [...new Set(manifest.vectors.map((v) => v.original))].sort();
  return names.map((name) => ({ name, file: path.join(dir, name) }));
}
