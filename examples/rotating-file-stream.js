#!/usr/bin/env node
// A Node app's log file that rotates by size (or time) with rotating-file-stream,
// each rotated file compressed by nnzip. The live file stays plain text (tail -f
// works); the rotated ones are .nnz, read with nncat / nngrep / nnless.
//
//   npm install nnzip rotating-file-stream
//   node examples/rotating-file-stream.js [dir] [lines]   # a demo: writes [lines] lines to [dir]/app.log
//
// rotating-file-stream's `compress` option takes a function (source, dest) that
// returns a shell command; it runs it once the rotated file is closed, then
// deletes the source itself (so the command must leave it alone). Writes made
// meanwhile wait in the stream's buffer; nothing blocks the event loop.
'use strict';
const path = require('node:path');
const rfs = require('rotating-file-stream');

// By absolute paths, so that a service's PATH does not matter: the node running
// this app, and the nnzip command of the installed package.
const NNZIP = path.join(path.dirname(require.resolve('nnzip/package.json')), 'bin', 'nnzip');

/** One shell word, whatever the path holds. */
const quote = (s) => `'${String(s).replace(/'/g, "'\\''")}'`;

/** rotating-file-stream's `compress`: the command that writes `source` compressed to `dest`. */
function nnzipCompress(source, dest) {
  return `${quote(process.execPath)} ${quote(NNZIP)} -c -- ${quote(source)} > ${quote(dest)}`;
}

/** File names: app.log while live, then app-20261130-0115-001.log.nnz (UTC), which sort in order. */
function fileNames(time, index) {
  if (!time) return 'app.log';
  const stamp = time.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `app-${stamp}-${String(index).padStart(3, '0')}.log.nnz`;
}

function createLogStream(dir, options = {}) {
  return rfs.createStream(fileNames, {
    path: dir,
    size: '10M', // and/or interval: '1d'
    compress: nnzipCompress,
    ...options,
  });
}

/** The demo's lines, access-log-like. */
function demoLine(i) {
  const ms = 3 + ((i * 7919) % 250);
  return `2026-11-30T01:${String((i >> 6) % 60).padStart(2, '0')}:00Z GET /api/items/${i % 97} 200 ${ms}ms worker=${i % 4}\n`;
}

async function main() {
  const dir = process.argv[2] || 'logs';
  const lines = Number(process.argv[3] || 20000);
  // A small size for the demo, so that it rotates a few times.
  const stream = createLogStream(dir, { size: '128K' });
  stream.on('rotated', (file) => console.log(`rotated: ${file}`));
  stream.on('error', (err) => {
    console.error(err);
    process.exitCode = 1;
  });
  for (let i = 0; i < lines; i++) {
    if (!stream.write(demoLine(i))) await new Promise((resolve) => stream.once('drain', resolve));
  }
  // end() waits for a rotation under way, its nnzip included.
  await new Promise((resolve) => stream.end(resolve));
}

module.exports = { nnzipCompress, fileNames, createLogStream, demoLine };

if (require.main === module) main();
