/**
 * The library's forms of --explain: explain() on a whole input in memory,
 * and a stream for inputs of any size. Both take plain bytes or a .nnz
 * stream (told apart by the magic); a .nnz stream is decoded and explained
 * with its own model (level, table size and model id from its header), so it
 * gives the same rows as the plain bytes explained with the options it was
 * compressed with.
 */
import { Transform, TransformCallback } from 'node:stream';
import { decodeHeader, HEADER_SIZE, MAGIC } from '../format/container';
import { unsupportedReason } from '../model/presets';
import { Explainer, ExplainOptions, ExplainReport, ExplainRow } from './explainer';
import type { Decompressor } from '../stream/decompressor';

function isNnzip(b: Uint8Array): boolean {
  return b.length >= MAGIC.length && MAGIC.every((m, k) => b[k] === m);
}

/** The whole report of an input in memory (the HTML report's data). */
export function explainReport(input: Buffer, options: ExplainOptions = {}): ExplainReport {
  const ex = new Explainer(options);
  if (isNnzip(input)) {
    const p = decodeHeader(input.subarray(0, HEADER_SIZE), unsupportedReason);
    ex.useModel(p.modelId, p.level, p.tableBits);
    const { decompressSync } = require('../index') as typeof import('../index');
    ex.push(decompressSync(input));
  } else {
    ex.push(input);
  }
  return ex.end();
}

/** The `top` most surprising lines of an input in memory, most surprising first. */
export function explain(input: Buffer, options: ExplainOptions = {}): ExplainRow[] {
  return explainReport(input, options).rows;
}

export interface ExplainStreamOptions extends ExplainOptions {
  /** Threads that decode a .nnz input (as DecompressOptions.threads; default every core). */
  threads?: number;
}

/**
 * Bytes in (plain or .nnz), rows out: a Transform whose readable side (object
 * mode) gives the rows, most surprising first, once the input has ended; it
 * emits 'report' with the whole report (ExplainReport) just before. Memory
 * stays bounded whatever the input's size.
 */
export class ExplainStream extends Transform {
  private readonly explainer: Explainer;
  private readonly threads: number | undefined;
  /** Until the first bytes tell plain from .nnz. */
  private head: Buffer[] | null = [];
  private headLength = 0;
  private decompressor: Decompressor | null = null;

  constructor(options: ExplainStreamOptions = {}) {
    super({ readableObjectMode: true });
    const { threads, ...rest } = options;
    this.threads = threads;
    this.explainer = new Explainer(rest);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      if (this.head !== null) {
        this.head.push(chunk);
        this.headLength += chunk.length;
        if (this.headLength < HEADER_SIZE) return done();
        chunk = this.decide();
      }
      this.feed(chunk, done);
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.head !== null) {
        const rest = this.decide();
        if (this.decompressor === null) this.explainer.push(rest);
        else this.decompressor.write(rest);
      }
      const finish = (): void => {
        try {
          const report = this.explainer.end();
          this.emit('report', report);
          for (const row of report.rows) this.push(row);
          done();
        } catch (err) {
          done(err as Error);
        }
      };
      const d = this.decompressor;
      if (d === null) return finish();
      d.once('end', finish);
      d.end();
    } catch (err) {
      done(err as Error);
    }
  }

  override _destroy(err: Error | null, done: (error: Error | null) => void): void {
    this.decompressor?.destroy();
    done(err);
  }

  /** Plain or .nnz, from the first bytes; returns them. */
  private decide(): Buffer {
    const first = Buffer.concat(this.head!, this.headLength);
    this.head = null;
    if (isNnzip(first)) {
      const p = decodeHeader(first.subarray(0, HEADER_SIZE), unsupportedReason);
      this.explainer.useModel(p.modelId, p.level, p.tableBits);
      const { createDecompressor } = require('../index') as typeof import('../index');
      const d = createDecompressor({ threads: this.threads });
      d.on('data', (b: Buffer) => {
        try {
          this.explainer.push(b);
        } catch (err) {
          this.destroy(err as Error);
        }
      });
      d.on('error', (err) => this.destroy(err));
      this.decompressor = d;
    }
    return first;
  }

  private feed(chunk: Buffer, done: TransformCallback): void {
    const d = this.decompressor;
    if (d === null) {
      this.explainer.push(chunk);
      return done();
    }
    if (d.write(chunk)) done();
    else d.once('drain', () => done());
  }
}

export function createExplainer(options?: ExplainStreamOptions): ExplainStream {
  return new ExplainStream(options);
}
