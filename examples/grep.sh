#!/bin/sh
# Search and read compressed logs without decompressing them to disk:
# nngrep is zgrep for .nnz files (grep's options, plain files too).
set -eu
PATH="$(cd "$(dirname "$0")/.." && pwd)/bin:$PATH"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; cd "$tmp"

for day in 1 2 3; do
  seq 1 300 | sed "s/^/day$day GET \/item\//; 0~50s/ GET / POST /" > "access.log.$day"
done
nnzip access.log.1 access.log.2          # two compressed, one plain
nngrep -c POST access.log.*              # per file: access.log.1.nnz:6 ...
nngrep -h 'item/150$' access.log.*       # -h: no file names
nngrep -q nothing-like-this access.log.* || echo "no match: status $?"
nnmore access.log.1.nnz | head -n 2      # nnless too, on a terminal
