/**
 * The commands' entry, after launch.ts has checked the Node.js version: the
 * build bundles this module and everything it loads into one file
 * (bundle.cjs, see code-cache.ts), and launch.ts runs it from there, or from
 * here when there is no bundle. Each program's modules load on first use.
 */
import type { Program } from './launch';

export function start(prog: Program): void {
  if (prog === 'nngrep') (require('./grep') as typeof import('./grep')).run();
  else if (prog === 'nnless' || prog === 'nnmore') (require('./pager') as typeof import('./pager')).run(prog);
  else (require('./main') as typeof import('./main')).run(prog);
}
