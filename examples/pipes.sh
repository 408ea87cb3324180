#!/bin/sh
# nnzip in pipes, like gzip: no FILE means stdin to stdout.
set -eu
PATH="$(cd "$(dirname "$0")/.." && pwd)/bin:$PATH"   # use this checkout's nnzip
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; cd "$tmp"

seq 1 2000 | sed 's/^/line /' > numbers.txt

nnzip -9 < numbers.txt > numbers.txt.nnz     # compress a stream
nncat numbers.txt.nnz | tail -n 1             # nncat = nnzip -dc
nnzip -dc numbers.txt.nnz | cmp - numbers.txt # round trip
nnzip -l numbers.txt.nnz                      # sizes, ratio, bits per byte, level
nnzip -t numbers.txt.nnz && echo "integrity OK"

# Concatenated streams decompress as one, as with gzip.
{ echo first | nnzip -1; echo second | nnzip -1; } | nncat

# Stop reading early: nnzip ends quietly (no EPIPE noise).
nncat numbers.txt.nnz | head -n 2

# zcat -f style: data that is not nnzip passes through with -f.
nncat -f numbers.txt | head -n 1
