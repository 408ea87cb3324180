/** -l: gzip's table of compressed files, read from the headers without decoding, and its totals line. */
import * as fs from 'node:fs';
import { ListInfo, listFile, listHeader, listLine, streamSource, walkContainer } from './list';
import { Session, systemMessage } from './session';
import { hasSuffix } from './target';

export class Listing {
  private listed: ListInfo[] = [];
  private headerShown = false;

  constructor(private readonly s: Session) {}

  async file(name: string, st: fs.Stats): Promise<void> {
    let fd: number;
    try {
      fd = fs.openSync(name, 'r');
    } catch (err) {
      this.s.error(name, systemMessage(err));
      return;
    }
    const suffix = this.s.o.suffix;
    const shown = hasSuffix(name, suffix) ? name.slice(0, -suffix.length) : name;
    try {
      const info = st.isFile() ? await listFile(fd, st.size) : await walkContainer(streamSource(fs.createReadStream(name, { fd, autoClose: false })));
      this.print(info, shown);
    } catch (err) {
      this.s.error(name, systemMessage(err));
    } finally {
      fs.closeSync(fd);
    }
  }

  async stdin(): Promise<void> {
    try {
      // gzip -l names what standard input decompresses to `stdout`.
      this.print(await walkContainer(streamSource(process.stdin)), 'stdout');
    } catch (err) {
      this.s.error('stdin', systemMessage(err));
    }
  }

  private print(info: ListInfo, name: string): void {
    const verbose = this.s.o.verbosity > 1;
    if (!this.headerShown && this.s.o.verbosity > 0) {
      process.stdout.write(listHeader(verbose) + '\n');
      this.headerShown = true;
    }
    this.listed.push(info);
    process.stdout.write(listLine(info, name, verbose) + '\n');
  }

  /** As gzip: a totals line under -l of several files (not under -q). */
  totals(): void {
    if (this.listed.length <= 1 || this.s.o.verbosity <= 0) return;
    const t: ListInfo = { compressed: 0, uncompressed: 0, streams: 0, frames: 0, levels: [] };
    for (const i of this.listed) {
      t.compressed += i.compressed;
      t.uncompressed += i.uncompressed;
      t.streams += i.streams;
      t.frames += i.frames;
    }
    process.stdout.write(listLine(t, '(totals)', this.s.o.verbosity > 1, true) + '\n');
  }
}
