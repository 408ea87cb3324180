#!/bin/sh
# GNU tar calls the program given to -I with no argument to compress and
# with -d to decompress.
set -eu
PATH="$(cd "$(dirname "$0")/.." && pwd)/bin:$PATH"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT; cd "$tmp"

mkdir -p project/src && seq 1 300 > project/src/data.txt && echo hi > project/README
tar -I nnzip -cf project.tar.nnz project            # create
tar -I 'nnzip -9' -cf project-best.tar.nnz project  # options go inside the quotes
tar -I nnzip -tf project.tar.nnz                    # list
mkdir out && tar -I nnzip -xf project.tar.nnz -C out  # extract
diff -r project out/project && echo "tar round trip OK"
