/**
 * Which signals nnzip's caller left ignored (nohup: SIGHUP; `trap '' INT`;
 * `cmd &` in a script: SIGINT and SIGQUIT). gzip leaves those alone, and so
 * must we, but Node resets every inherited SIG_IGN to the default before any
 * JavaScript runs, so /proc/self/status no longer shows them. The bins
 * therefore start as /bin/sh, which still has them, read its own SigIgn mask
 * from /proc/self/status and hand it over in NNZIP_SIGIGN (see bin/nnzip).
 */

const given: string | undefined = process.env.NNZIP_SIGIGN;
// Not for our children (grep, less): their own launcher, if any, reads it afresh.
delete process.env.NNZIP_SIGIGN;
/** The mask as a number: 0 if unknown (run without the bin's shell) or malformed. */
const mask: bigint = given !== undefined && /^[0-9a-fA-F]{1,32}$/.test(given) ? BigInt('0x' + given) : 0n;

/** True if `sig` was ignored when nnzip started (false if unknown: run without the bin's shell). */
export function ignoredAtStart(sig: NodeJS.Signals): boolean {
  // The usual case, nothing ignored, needs no signal numbers (node:os).
  if (mask === 0n) return false;
  const n = (require('node:os') as typeof import('node:os')).constants.signals[sig];
  if (n === undefined) return false;
  return ((mask >> BigInt(n - 1)) & 1n) === 1n;
}
