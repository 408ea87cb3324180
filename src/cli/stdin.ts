/** FILE `-` (or none): standard input to standard output, as gzip does with a pipe. */
import * as fs from 'node:fs';
import { convert, rawSize, reportDone } from './convert';
import { RecyclingFileReader } from './file-reader';
import type { Listing } from './listing';
import { nullSink, stdoutSink } from './output';
import type { Session } from './session';

/** `listing`: -l's table (null unless -l). */
export async function treatStdin(s: Session, listing: Listing | null): Promise<void> {
  if (s.mode !== 'compress' && !s.o.force && process.stdin.isTTY) {
    s.error(null, `compressed data not read from a terminal. Use -f to force decompression.\nFor help, type: ${s.prog} -h`);
    return;
  }
  let size: number | undefined;
  try {
    const st = fs.fstatSync(0);
    if (st.isFile()) size = st.size;
  } catch {
    // no usable standard input; reading it will report the problem
  }
  if (listing !== null) return listing.stdin();
  const sink = s.mode === 'test' ? nullSink() : stdoutSink();
  if (size !== undefined) size = await rawSize(s, 0, size, sink.kind === 'stdout');
  // A file: read into reused buffers when compressing (file-reader.ts).
  const input = s.mode === 'compress' && size !== undefined ? new RecyclingFileReader(0, false) : process.stdin;
  const result = await convert(s, input, size, 'stdin', sink);
  if (result !== null) reportDone(s, 'stdin', result, null);
}
