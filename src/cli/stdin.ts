/** FILE `-` (or none): standard input to standard output, as gzip does with a pipe. */
import * as fs from 'node:fs';
import { convert, rawSize, reportDone } from './convert';
import { RecyclingFileReader } from './file-reader';
import type { Listing } from './listing';
import { nullSink, stdoutSink } from './output';
import type { Session } from './session';

/** `listing`: -l's table (null unless -l). */
export async function treatStdin(s: Session, listing: Listing | null): Promise<void> {
  let st: fs.Stats | undefined;
  try {
    st = fs.fstatSync(0);
  } catch {
    // no usable standard input; reading it will report the problem
  }
  // Only a character device can be a terminal: a file or a pipe needs no look (tty loads net).
  const device = st?.isCharacterDevice() === true;
  if (s.mode !== 'compress' && !s.o.force && device && (require('node:tty') as typeof import('node:tty')).isatty(0)) {
    s.error(null, `compressed data not read from a terminal. Use -f to force decompression.\nFor help, type: ${s.prog} -h`);
    return;
  }
  let size = st?.isFile() === true ? st.size : undefined;
  if (listing !== null) return listing.stdin();
  const sink = s.mode === 'test' ? nullSink() : stdoutSink();
  if (size !== undefined) size = await rawSize(s, 0, size, sink.kind === 'stdout');
  // A file or a device (/dev/null, a terminal) is read with fs.read, into reused buffers when
  // compressing (file-reader.ts); process.stdin would build an fs.ReadStream for it, whose
  // modules are a few ms of a small run's start-up. Pipes and sockets need process.stdin.
  const input = st?.isFile() === true || device ? new RecyclingFileReader(0, false) : process.stdin;
  const result = await convert(s, input, size, 'stdin', sink);
  if (result !== null) reportDone(s, 'stdin', result, null);
}
