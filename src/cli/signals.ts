/**
 * Which signals nnzip's caller left ignored (nohup: SIGHUP; `trap '' INT`;
 * `cmd &` in a script: SIGINT and SIGQUIT). gzip leaves those alone, and so
 * must we, but Node resets every inherited SIG_IGN to the default before any
 * JavaScript runs, so /proc/self/status no longer shows them. The bins
 * therefore start as /bin/sh, which still has them, read its own SigIgn mask
 * from /proc/self/status and hand it over in NNZIP_SIGIGN (see bin/nnzip).
 */
import { constants } from 'node:os';

const mask: string | undefined = process.env.NNZIP_SIGIGN;
// Not for our children (grep, less): their own launcher, if any, reads it afresh.
delete process.env.NNZIP_SIGIGN;

/** True if `sig` was ignored when nnzip started (false if unknown: run without the bin's shell). */
export function ignoredAtStart(sig: NodeJS.Signals): boolean {
  if (mask === undefined || !/^[0-9a-fA-F]{1,32}$/.test(mask)) return false;
  const n = constants.signals[sig];
  if (n === undefined) return false;
  return ((BigInt('0x' + mask) >> BigInt(n - 1)) & 1n) === 1n;
}
