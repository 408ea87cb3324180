#!/bin/sh
# Runs logrotate (not as a daemon: once, with its own state file) on a
# throw-away log, with the settings of logrotate.conf.
set -eu
NNZIP="$(cd "$(dirname "$0")/.." && pwd)/bin/nnzip"
dir="$(mktemp -d)"; trap 'rm -rf "$dir"' EXIT; cd "$dir"

seq 1 3000 | sed 's/^/GET \/index.html 200 /' > app.log
cat > rotate.conf <<CONF
$dir/app.log {
    rotate 3
    compress
    compresscmd $NNZIP
    uncompresscmd ${NNZIP%/*}/nnunzip
    compressoptions -9
    compressext .nnz
}
CONF
logrotate -f -s "$dir/state" rotate.conf
ls
"$NNZIP" -l app.log.1.nnz
