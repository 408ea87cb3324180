#!/bin/sh
# Many files at once: find hands nnzip as many names as fit on a command line.
set -eu
PATH="$(cd "$(dirname "$0")/.." && pwd)/bin:$PATH"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; cd "$tmp"

mkdir -p logs/old
for i in 1 2 3; do seq 1 "${i}00" > "logs/old/day$i.log"; done
find logs -name '*.log' -exec nnzip -q {} +     # compress every .log in place
find logs -type f | sort
nnzip -l logs/old/*.nnz
find logs -name '*.nnz' -exec nnunzip {} +      # and back
nnzip -r logs && nnzip -dr logs                 # or let nnzip walk the tree
find logs -type f | sort
