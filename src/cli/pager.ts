/**
 * nnless and nnmore: page through nnzip files (and plain ones), as zless and
 * zmore do for gzip.
 *
 * nnless hands the files to less itself, with an input preprocessor
 * (LESSOPEN) that runs `nncat -fq`, so that less keeps one file per name
 * (:n, :p) and reads plain files as they are. nnmore decodes in this process
 * and feeds more through a pipe, with zmore's header before each file when
 * there are several.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { isNnzipError } from '../format/errors';
import { decodePipeline, decodingStages, sniff } from './codec';

/** Quotes a word for /bin/sh, which runs LESSOPEN. */
function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function less(argv: string[]): void {
  const nncat = path.join(__dirname, '..', '..', '..', 'bin', 'nncat');
  // `||`: less looks at the preprocessor's exit status; `-`: standard input goes through it too (less >= 451; as zless).
  const env: NodeJS.ProcessEnv = { ...process.env, LESSOPEN: `||-${shQuote(nncat)} -fq -- %s` };
  // How less quotes the %s name for the shell (zless's setting, when the user has none).
  if (env.LESSMETACHARS === undefined) env.LESSMETACHARS = ' \t\n\'";*?"()<>[|&^`#\\$%=~';
  const child = spawn(process.env.NNLESS_LESS || 'less', argv, { stdio: 'inherit', env });
  child.on('error', (err) => {
    process.stderr.write(`nnless: less: ${err.message}\n`);
    process.exitCode = 1;
  });
  child.on('close', (code, signal) => {
    process.exitCode = code ?? (signal !== null ? 128 + 1 : 1);
  });
}

async function more(files: string[]): Promise<number> {
  const pager = spawn(process.env.NNMORE_MORE || 'more', [], { stdio: ['pipe', 'inherit', 'inherit'] });
  const closed = new Promise<number>((resolve) => {
    pager.on('error', (err) => {
      process.stderr.write(`nnmore: more: ${err.message}\n`);
      resolve(1);
    });
    pager.on('close', (code) => resolve(code ?? 1));
  });
  pager.stdin.on('error', () => {
    // the reader quit (q): stop quietly
  });
  let status = 0;
  const list = files.length === 0 ? ['-'] : files;
  for (const f of list) {
    if (pager.stdin.destroyed) break;
    if (list.length > 1) pager.stdin.write(`------> ${f} <------\n`);
    try {
      const input = f === '-' ? process.stdin : fs.createReadStream(f, { fd: fs.openSync(f, 'r') });
      const s = await sniff(input);
      await decodePipeline([s.stream, ...(s.isNnzip ? decodingStages('copy') : [new PassThrough()]), pager.stdin], { end: false });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EPIPE' || pager.stdin.destroyed) break;
      process.stderr.write(`nnmore: ${f}: ${isNnzipError(err) ? err.message : e.code === 'ENOENT' ? 'No such file or directory' : e.message}\n`);
      status = 1;
    }
  }
  pager.stdin.end();
  const code = await closed;
  return status || code;
}

/** Entry point of bin/nnless and bin/nnmore. */
export function run(prog: 'nnless' | 'nnmore', argv: string[] = process.argv.slice(2)): void {
  if (prog === 'nnless') {
    less(argv);
    return;
  }
  more(argv.filter((a) => a !== '--')).then((s) => {
    process.exitCode = s;
  });
}
