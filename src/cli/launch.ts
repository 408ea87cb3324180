/**
 * The first module the bins load. It requires nothing before it knows the
 * Node.js version is good: on an older Node the codec would fail later with a
 * raw TypeError (zlib.crc32 arrived in 20.15), which tells a user nothing.
 * Keep this file free of imports and of syntax newer than Node 12.
 */

/** The minimum, as in package.json "engines" (a test checks they agree). */
export const MIN_NODE: readonly [number, number] = [20, 15];

export function nodeTooOld(version: string = process.versions.node): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]);
}

export type Program = 'nnzip' | 'nnunzip' | 'nncat' | 'nngrep' | 'nnless' | 'nnmore';

export function launch(prog: Program): void {
  if (nodeTooOld()) {
    process.stderr.write(`${prog}: needs Node.js >= ${MIN_NODE.join('.')} (this is ${process.version})\n`);
    process.exitCode = 1;
    return;
  }
  // The build's bundle with its cached compiled code (code-cache.ts), else the modules one by one.
  const commands = require('./code-cache').loadBundle(prog, process.argv.slice(2)) || require('./start');
  commands.start(prog);
}
