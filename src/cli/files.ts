/**
 * One FILE operand: what it is (missing, a link, a directory, not a regular
 * file), where its output goes (in place, stdout, nowhere for -t), then the
 * conversion, and the input removed only once the output is safely in place.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changeReason } from './changed';
import { convert, rawSize, reportDone } from './convert';
import { RecyclingFileReader } from './file-reader';
import type { Listing } from './listing';
import { fileSink, nullSink, Sink, stdoutSink, TaggedError } from './output';
import { Session, systemMessage } from './session';
import { treatStdin } from './stdin';
import { hasSuffix, outputName } from './target';

export class Files {
  constructor(
    private readonly s: Session,
    /** -l's table (null unless -l). */
    private readonly listing: Listing | null,
  ) {}

  async treat(name: string, inRecursion: boolean): Promise<void> {
    const s = this.s;
    const o = s.o;
    if (name === '-') return treatStdin(s, this.listing);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(name);
    } catch (err) {
      // As gzip: `nnzip -d foo` finds foo.nnz.
      const alt = name + o.suffix;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && s.mode !== 'compress' && o.suffix !== '' && !hasSuffix(name, o.suffix) && fs.existsSync(alt)) {
        return this.treat(alt, inRecursion);
      }
      s.error(name, systemMessage(err));
      return;
    }
    const toFile = !o.stdout && (s.mode === 'compress' || s.mode === 'decompress');
    if (st.isSymbolicLink()) {
      // Replacing a link by LINK.nnz loses the link: only with -f. Reading through one (-c, -t, -l) is fine.
      if (toFile && !o.force) {
        s.warn(`${name} is a symbolic link -- ignored (use -f to follow it)`);
        return;
      }
      try {
        st = fs.statSync(name);
      } catch (err) {
        s.error(name, systemMessage(err));
        return;
      }
    }
    if (st.isDirectory()) {
      if (o.recursive) {
        let entries: string[];
        try {
          entries = fs.readdirSync(name).sort();
        } catch (err) {
          s.error(name, systemMessage(err));
          return;
        }
        for (const e of entries) await this.treat(path.join(name, e), true);
        return;
      }
      s.warn(`${name} is a directory -- ignored`);
      return;
    }
    if (!st.isFile() && toFile) {
      s.warn(`${name} is not a directory or a regular file -- ignored`);
      return;
    }
    if (this.listing !== null) return this.listing.file(name, st);
    let outName: string | null = null;
    if (toFile) {
      outName = outputName(s, name, st, inRecursion);
      if (outName === null) return;
    }
    return this.convertFile(name, st, outName);
  }

  /** Converts `name` into `outName` (in place), or to stdout or nowhere (-t) when `outName` is null. */
  private async convertFile(name: string, st: fs.Stats, outName: string | null): Promise<void> {
    const s = this.s;
    const toFile = outName !== null;
    let fd: number;
    try {
      // Without -f, O_NOFOLLOW: a link swapped in since the lstat is not followed.
      fd = fs.openSync(name, fs.constants.O_RDONLY | (toFile && !s.o.force ? fs.constants.O_NOFOLLOW : 0));
    } catch (err) {
      s.error(name, systemMessage(err));
      return;
    }
    let opened: fs.Stats;
    try {
      // The size and time the change check compares with: of what was opened, not of the name looked at before.
      opened = fs.fstatSync(fd);
    } catch (err) {
      fs.closeSync(fd);
      s.error(name, systemMessage(err));
      return;
    }
    // A regular file is read with fs.read, into reused buffers when compressing (file-reader.ts).
    const input = opened.isFile() ? new RecyclingFileReader(fd, true) : fs.createReadStream(name, { fd, highWaterMark: 1 << 18 });
    let sink: Sink;
    try {
      sink = outName !== null ? fileSink(outName, st) : s.mode === 'test' ? nullSink() : stdoutSink();
    } catch (err) {
      input.destroy();
      s.error((err as TaggedError).nnzipFile ?? name, systemMessage(err));
      return;
    }
    const regular = opened.isFile();
    const verify = regular ? (inBytes: number) => this.changed(name, opened, inBytes, toFile) : undefined;
    const size = regular ? await rawSize(s, fd, opened.size, sink.kind === 'stdout') : undefined;
    const result = await convert(s, input, size, name, sink, verify);
    if (result === null) return;
    if (outName !== null && !s.o.keep) {
      try {
        fs.unlinkSync(name);
      } catch (err) {
        s.error(name, systemMessage(err));
        return;
      }
    }
    reportDone(s, name, result, outName);
  }

  /** A changed input is a warning; in place, its output is not kept (and the input stays). */
  private changed(name: string, opened: fs.Stats, inBytes: number, toFile: boolean): boolean {
    const why = changeReason(name, opened, inBytes, this.s.mode === 'compress' ? 'compressed' : 'decompressed');
    if (why === null) return false;
    this.s.warn(`${name}: ${why}${toFile ? ' -- unchanged, no output kept' : ''}`);
    return true;
  }
}
