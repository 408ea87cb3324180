#!/bin/sh
# Compress files in place: FILE -> FILE.nnz, the original removed once the
# .nnz is complete and synced (-k keeps it).
set -eu
PATH="$(cd "$(dirname "$0")/.." && pwd)/bin:$PATH"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; cd "$tmp"

seq 1 500 > a.txt
seq 500 1000 > b.txt
nnzip -v a.txt b.txt          # a.txt.nnz b.txt.nnz; a.txt and b.txt are gone
nnzip -l a.txt.nnz b.txt.nnz
nnunzip a.txt.nnz             # = nnzip -d
nnzip -dk b.txt.nnz           # keep b.txt.nnz too
ls                            # a.txt b.txt b.txt.nnz
nnzip b.txt || echo "exit status $?: b.txt.nnz exists and is not overwritten without -f"
nnzip -f b.txt                # -f overwrites it
seq 1 50 > c.txt
nnzip -S .nz c.txt            # another suffix: c.txt.nz
ls
