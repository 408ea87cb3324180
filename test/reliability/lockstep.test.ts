/**
 * Lockstep across processes: the decoder retraces the encoder's learning, so
 * every floating-point step must come out the same in another process, under
 * other JIT tiers (--no-opt keeps V8 off its optimising compiler; --jitless
 * interprets everything) and another libuv thread-pool size. Compress in one
 * child, decompress in another, and compare with this process's bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CompressOptions, compressSync } from '../../src/index';
import { logText, Rng } from './helpers';

const run = promisify(execFile);
const CHILD = path.join(__dirname, 'lockstep-child.js');

async function child(
  flags: string[],
  threads: number,
  mode: 'compress' | 'decompress',
  api: 'sync' | 'stream',
  input: Buffer,
  options?: CompressOptions,
): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-lockstep-'));
  try {
    const inPath = path.join(dir, 'in');
    const outPath = path.join(dir, 'out');
    fs.writeFileSync(inPath, input);
    const args = [...flags, CHILD, mode, api, inPath, outPath];
    if (options) args.push(JSON.stringify(options));
    await run(process.execPath, args, {
      env: { ...process.env, UV_THREADPOOL_SIZE: String(threads) },
      timeout: 120_000,
    });
    return fs.readFileSync(outPath);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CASES: Array<{ name: string; data: Buffer; options: CompressOptions }> = [
  { name: 'log text, level 1, multi-frame', data: logText(16_000, 61), options: { level: 1, frameSize: 4096 } },
  { name: 'log + binary, level 6', data: Buffer.concat([logText(6000, 62), new Rng(62).bytes(1500), logText(4000, 63)]), options: { level: 6, tableBits: 14 } },
  { name: 'log text, level 9', data: logText(8000, 64), options: { level: 9, tableBits: 12, frameSize: 3000 } },
];

for (const c of CASES) {
  test(`lockstep across processes: ${c.name}`, { timeout: 180_000 }, async () => {
    const here = compressSync(c.data, c.options);
    // Compress in a default child (1 pool thread), decompress in a --no-opt child (7 threads), and the reverse.
    const [a, b] = await Promise.all([
      child([], 1, 'compress', 'stream', c.data, c.options),
      child(['--no-opt'], 7, 'compress', 'sync', c.data, c.options),
    ]);
    assert.ok(a.equals(here), 'a child process compressed to other bytes than this process');
    assert.ok(b.equals(here), 'a --no-opt child compressed to other bytes than this process');
    const [da, db] = await Promise.all([
      child(['--no-opt'], 7, 'decompress', 'stream', a),
      child([], 2, 'decompress', 'sync', b),
    ]);
    assert.ok(da.equals(c.data), 'the --no-opt child decompressed to other bytes');
    assert.ok(db.equals(c.data), 'the child decompressed to other bytes');
  });
}

test('lockstep with an interpreter-only (--jitless) child, tiny input', { timeout: 180_000 }, async () => {
  const data = Buffer.concat([logText(2500, 65), new Rng(65).bytes(200)]);
  for (const options of [{ level: 1, frameSize: 1000 }, { level: 9, tableBits: 10 }]) {
    const here = compressSync(data, options);
    const c = await child(['--jitless'], 3, 'compress', 'sync', data, options);
    assert.ok(c.equals(here), `--jitless compressed to other bytes (level ${options.level})`);
    const d = await child(['--jitless'], 5, 'decompress', 'stream', here);
    assert.ok(d.equals(data), `--jitless decompressed to other bytes (level ${options.level})`);
  }
});

// The WebAssembly kernel (levels 1, 6, 8 and 9 with their full tables) under each of V8's WebAssembly compilers alone.
test('lockstep of the kernel: --liftoff-only and --no-liftoff children, levels 1, 6, 8 and 9', { timeout: 180_000 }, async () => {
  const data = Buffer.concat([logText(12_000, 65), new Rng(65).bytes(800), logText(4000, 66)]);
  for (const options of [{ level: 6 }, { level: 1, frameSize: 5000 }, { level: 8 }, { level: 9 }]) {
    const here = compressSync(data, options);
    const [a, b] = await Promise.all([
      child(['--liftoff-only'], 1, 'compress', 'stream', data, options),
      child(['--no-liftoff'], 3, 'compress', 'sync', data, options),
    ]);
    assert.ok(a.equals(here), `a --liftoff-only child compressed to other bytes (level ${options.level})`);
    assert.ok(b.equals(here), `a --no-liftoff child compressed to other bytes (level ${options.level})`);
    const [da, db] = await Promise.all([child(['--no-liftoff'], 2, 'decompress', 'stream', a), child(['--liftoff-only'], 1, 'decompress', 'sync', b)]);
    assert.ok(da.equals(data) && db.equals(data), `the children decompressed to other bytes (level ${options.level})`);
  }
});
