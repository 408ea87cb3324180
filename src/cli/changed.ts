/**
 * Whether an input changed while it was read (a log still being written, or
 * truncated, or replaced by a rotation): the bytes read against the size at
 * open, and the name's size, time and inode now. The output of such a read
 * matches neither version of the file, so it is not kept.
 */
import * as fs from 'node:fs';

/** Why the input is not what was opened, or null if it is; `what` is 'compressed' or 'decompressed'. */
export function changeReason(name: string, opened: fs.Stats, inBytes: number, what: string): string | null {
  let now: fs.Stats | null = null;
  try {
    now = fs.statSync(name);
  } catch {
    // moved or removed while we read it
  }
  if (inBytes !== opened.size) return `file size changed while being ${what} (${opened.size} bytes at the start, ${inBytes} read)`;
  if (now === null) return `file moved or removed while being ${what}`;
  if (now.ino !== opened.ino || now.dev !== opened.dev) return `file replaced while being ${what}`;
  if (now.size !== opened.size || now.mtimeMs !== opened.mtimeMs) return `file changed while being ${what}`;
  return null;
}
