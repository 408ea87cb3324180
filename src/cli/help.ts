/** The texts of --help and --version. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function helpText(prog: string): string {
  return `Usage: ${prog} [OPTION]... [FILE]...
Compress or decompress FILEs with a neural network that learns as it goes
(by default, compress FILEs in place: FILE becomes FILE.nnz).

  -c, --stdout      write on standard output, keep original files unchanged
  -d, --decompress  decompress
  -f, --force       force overwrite of output file, compress links, and
                    with -dc pass data that is not nnzip through unchanged
  -h, --help        give this help
  -k, --keep        keep (don't delete) input files
  -l, --list        list compressed file sizes, ratio, bits per byte, level
  -L, --license     display software license
  -n, --no-name     accepted for gzip compatibility (no name is ever stored)
  -N, --name        accepted for gzip compatibility (no name is ever stored)
  -q, --quiet       suppress all warnings and the progress bar
      --progress    show a progress bar even when writing to standard output
      --no-progress never show a progress bar
  -r, --recursive   operate recursively on directories
  -S, --suffix=SUF  use suffix SUF on compressed files (default .nnz)
      --synchronous accepted for gzip compatibility (output is always synced)
  -t, --test        test compressed file integrity
  -T, --threads=N   use N threads (0 = every core, the default; 1 = no
                    worker threads); the output is the same for every N
      --explain[=N] print the N (default 20) most surprising lines of plain or
                    .nnz input and what they cost the model; write no archive
      --html        with --explain: the report as one HTML page
  -v, --verbose     verbose mode
  -V, --version     display version number
  -1, --fast        compress faster
  -9, --best        compress better (default -6)

With no FILE, or when FILE is -, read standard input and write standard output.
nnunzip is nnzip -d; nncat is nnzip -dc; nngrep, nnless and nnmore search and
page through .nnz files as zgrep, zless and zmore do.
`;
}
