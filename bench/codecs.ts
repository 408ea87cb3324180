/**
 * The compressors under test. External tools run as commands on the file
 * (given by name, so zstd and brotli see its size as they would for a user);
 * nnzip and the node:zlib stand-ins run in bench/worker.js.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GNU_TIME, firstLine, hasCommand, runTimed } from './util';
import type { WorkerResult } from './worker';

export interface Measure {
  ms: number;
  cpuMs: number | null;
  maxRssKB: number | null;
}

export interface Codec {
  /** Short column name: nnzip-6, gzip-9, xz-9, zstd-19, brotli-11. */
  id: string;
  /** What was run, for the notes. */
  label: string;
  family: 'nnzip' | 'tool';
  level: number;
  ext: string;
  version: string;
  compress(input: string, output: string): Measure;
  decompress(input: string, output: string): Measure;
}

let workerPath = path.join(__dirname, 'worker.js');

/** run.ts runs a private copy of the worker, safe from a rebuild (or removal) of dist/ during the run. */
export function useWorker(file: string): void {
  workerPath = file;
}

export function runWorker(args: string[], nodeFlags: string[] = []): WorkerResult {
  const r = spawnSync(process.execPath, [...nodeFlags, workerPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`worker ${args.join(' ')} failed (status ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as WorkerResult;
}

function workerCodec(id: string, label: string, codec: string, level: number, ext: string, version: string): Codec {
  const family = codec === 'nnzip' ? 'nnzip' : 'tool';
  const run = (mode: string, input: string, output: string): Measure => {
    const hint = codec === 'nnzip' && mode === 'compress' ? ['--size-hint'] : [];
    const r = runWorker([mode, '--codec', codec, '--level', String(level), ...hint, '--in', input, '--out', output]);
    return { ms: r.ms, cpuMs: r.cpuMs, maxRssKB: r.maxRssKB };
  };
  return {
    id,
    label,
    family,
    level,
    ext,
    version,
    compress: (i, o) => run('compress', i, o),
    decompress: (i, o) => run('decompress', i, o),
  };
}

function commandCodec(id: string, cmd: string, cArgs: string[], dArgs: string[], level: number, ext: string): Codec {
  return {
    id,
    label: `${cmd} ${cArgs.join(' ')}`,
    family: 'tool',
    level,
    ext,
    version: firstLine(cmd, ['--version']).replace(/^\*+\s*|\s*\*+$/g, ''),
    compress: (i, o) => runTimed(cmd, [...cArgs, '-c', i], '/dev/null', o),
    decompress: (i, o) => runTimed(cmd, [...dArgs, '-c', i], '/dev/null', o),
  };
}

export interface CodecSet {
  codecs: Codec[];
  notes: string[];
}

export function nnzipCodec(level: number): Codec {
  return workerCodec(`nnzip-${level}`, `nnzip level ${level} (library streams with sizeHint, as the CLI for a file; bench/worker.js)`, 'nnzip', level, 'nnz', 'this tree');
}

export function competitors(): CodecSet {
  const notes: string[] = [];
  const codecs: Codec[] = [];
  const nodeZlib = `node ${process.version} zlib ${process.versions.zlib ?? '?'}`;
  if (hasCommand('gzip')) codecs.push(commandCodec('gzip-9', 'gzip', ['-9', '-n'], ['-d'], 9, 'gz'));
  else {
    codecs.push(workerCodec('gzip-9', 'node:zlib gzip level 9 (no gzip command)', 'gzip', 9, 'gz', nodeZlib));
    notes.push('gzip command not found: gzip-9 is node:zlib at level 9.');
  }
  if (hasCommand('xz')) codecs.push(commandCodec('xz-9', 'xz', ['-9', '-T1'], ['-d'], 9, 'xz'));
  else notes.push('xz command not found: xz-9 skipped (ratios to xz are then missing).');
  if (hasCommand('zstd')) codecs.push(commandCodec('zstd-19', 'zstd', ['-19', '-q'], ['-d', '-q'], 19, 'zst'));
  else notes.push('zstd command not found: zstd-19 skipped.');
  if (hasCommand('brotli')) codecs.push(commandCodec('brotli-11', 'brotli', ['-q', '11'], ['-d'], 11, 'br'));
  else {
    const v = `node ${process.version} brotli ${process.versions.brotli ?? '?'}`;
    codecs.push(workerCodec('brotli-11', 'node:zlib brotli quality 11, window 2^24 (no brotli command)', 'brotli', 11, 'br', v));
    notes.push('brotli command not found: brotli-11 is node:zlib brotli at quality 11, window 2^24 (the command\'s defaults).');
  }
  if (!GNU_TIME) notes.push('/usr/bin/time not found: no peak RSS for external commands.');
  return { codecs, notes };
}
