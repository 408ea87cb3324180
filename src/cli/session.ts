/**
 * The state one nnzip run shares across its files: the options, the exit
 * status (gzip's: 0, 1 error, 2 warning), messages on standard error and the
 * progress bar currently drawn.
 */
import { getSystemErrorMap } from 'node:util';
import { isNnzipError } from '../format/errors';
import type { CliOptions } from './args';
import { removeTemps } from './output';
import type { ProgressSink } from './progress';
import type { WriteStream } from 'node:tty';

export const OK = 0;
export const ERROR = 1;
export const WARNING = 2;

export type Mode = 'compress' | 'decompress' | 'test' | 'list';

/** Thrown to stop processing further operands (stdout is gone). */
export class BrokenPipe extends Error {}

/** An error as gzip words it: the system's text for an errno ("No such file or directory"), else the message. */
export function systemMessage(err: unknown): string {
  if (isNnzipError(err)) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.errno === 'number') {
    const m = getSystemErrorMap().get(e.errno);
    if (m) return m[1][0].toUpperCase() + m[1].slice(1);
  }
  return e instanceof Error ? e.message : String(err);
}

/** What counts bytes when no bar is drawn (progress.ts's NO_PROGRESS, without loading progress.ts). */
const NO_PROGRESS: ProgressSink = { update() {}, tally() {}, stop() {} };

export class Session {
  status = OK;
  readonly mode: Mode;
  /** Set once anything went to standard output, which is then synced at the end. */
  usedStdout = false;
  private progress: ProgressSink | null = null;
  /** What to do when standard output's reader is gone; main.ts makes it die of SIGPIPE. */
  onBrokenPipe: () => void = () => {};

  constructor(
    readonly prog: string,
    readonly o: CliOptions,
  ) {
    this.mode = o.list ? 'list' : o.test ? 'test' : o.decompress ? 'decompress' : 'compress';
  }

  say(line: string): void {
    process.stderr.write(line + '\n');
  }

  error(file: string | null, msg: string): void {
    this.stopProgress();
    this.say(file === null ? `${this.prog}: ${msg}` : `${this.prog}: ${file}: ${msg}`);
    this.status = ERROR;
  }

  /** A warning: printed unless -q, and exit status 2 if nothing worse happens. */
  warn(msg: string): void {
    if (this.o.verbosity > 0) {
      this.stopProgress();
      this.say(`${this.prog}: ${msg}`);
    }
    if (this.status === OK) this.status = WARNING;
  }

  stopProgress(): void {
    if (this.progress !== null) {
      this.progress.stop();
      this.progress = null;
    }
  }

  /** Stops the bar and removes temporary files; used on signals and broken pipes. */
  shutdown(): void {
    this.stopProgress();
    removeTemps();
  }

  /**
   * zstd's rule: a bar only when standard error is a terminal and the output
   * is not standard output. Data on stdout usually ends on the same terminal
   * (`nncat f.nnz | less`, `| grep | head`, `tar -xvf`), where a bar garbles
   * it. --progress forces a bar (even under -q); -q and --no-progress prevent it.
   */
  progressWanted(toStdout: boolean): boolean {
    if (this.o.progress !== 'auto') return this.o.progress === 'always';
    return this.o.verbosity > 0 && !toStdout && process.stderr.isTTY === true;
  }

  /** `rawSize`: the uncompressed size if known, for the bar's 100%. */
  startProgress(label: string, rawSize: number | undefined, toStdout: boolean): ProgressSink {
    const err = process.stderr as WriteStream;
    if (!this.progressWanted(toStdout)) return NO_PROGRESS;
    // Loaded only when a bar may be drawn: the common run (a pipe, tar, a script) has none.
    const { createProgress, DEFAULT_PROGRESS_MIN_BYTES } = require('./progress') as typeof import('./progress');
    const env = Number(process.env.NNZIP_PROGRESS_MIN_BYTES);
    const forced = this.o.progress === 'always';
    // Forced means forced: no size threshold either.
    const minBytes = forced ? 0 : Number.isFinite(env) && env >= 0 && process.env.NNZIP_PROGRESS_MIN_BYTES !== '' ? env : DEFAULT_PROGRESS_MIN_BYTES;
    this.progress = createProgress({ label, total: rawSize, decompress: this.mode !== 'compress', stream: err, minBytes, forced });
    return this.progress;
  }
}
