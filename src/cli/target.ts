/**
 * Whether a file may be replaced in place, and by what name: gzip's rules
 * for suffixes, set-id and sticky bits, hard links and existing outputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Session } from './session';

/** As gzip with .GZ: the suffix is recognised in any case (NAME.NNZ, NAME.Nnz). */
export function hasSuffix(name: string, suffix: string): boolean {
  return suffix !== '' && name.length >= suffix.length && name.slice(-suffix.length).toLowerCase() === suffix.toLowerCase();
}

/**
 * What a set-user-ID, set-group-ID or sticky bit makes of a file we would
 * replace, as gzip words it; null if none. gzip refuses set-id files even
 * with -f (a compressed copy would lose the bit) and sticky ones unless -f.
 */
function specialBits(mode: number, force: boolean): string | null {
  if (mode & 0o4000) return 'is set-user-ID on execution - ignored';
  if (mode & 0o2000) return 'is set-group-ID on execution - ignored';
  if (mode & 0o1000 && !force) return 'has the sticky bit set - file ignored';
  return null;
}

/**
 * The name `name` (a regular file, `st`) becomes when compressed or
 * decompressed in place, or null if it is to be left alone (the reason is
 * said here, as a warning or a note).
 */
export function outputName(s: Session, name: string, st: fs.Stats, inRecursion: boolean): string | null {
  const o = s.o;
  let outName: string;
  if (s.mode === 'decompress') {
    if (!hasSuffix(name, o.suffix) || path.basename(name).length === o.suffix.length) {
      // With -r, files without the suffix are simply not ours (as gzip).
      if (!inRecursion || o.verbosity > 1) s.warn(`${name}: unknown suffix -- ignored`);
      return null;
    }
    outName = name.slice(0, -o.suffix.length);
  } else {
    if (hasSuffix(name, o.suffix) && !o.force) {
      // gzip 1.12 prints this but exits 0 for it, so `set -e; nnzip *` survives a .nnz among the files.
      if ((!inRecursion && o.verbosity > 0) || o.verbosity > 1) s.say(`${s.prog}: ${name} already has ${name.slice(-o.suffix.length)} suffix -- unchanged`);
      return null;
    }
    outName = name + o.suffix;
  }
  const special = specialBits(st.mode, o.force);
  if (special !== null) {
    s.warn(`${name} ${special}`);
    return null;
  }
  if (st.nlink > 1 && !o.force) {
    const n = st.nlink - 1;
    s.warn(`${name} has ${n} other link${n > 1 ? 's' : ''} -- unchanged`);
    return null;
  }
  let existing: fs.Stats | null = null;
  try {
    existing = fs.lstatSync(outName);
  } catch {
    // the usual case: nothing there
  }
  // With -f the rename replaces it (and fails, cleanly, if it is a directory).
  if (existing !== null && !o.force) {
    s.warn(`${outName} already exists; not overwritten`);
    return null;
  }
  return outName;
}
