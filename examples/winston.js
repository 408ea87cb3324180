#!/usr/bin/env node
// winston writing its log straight to a .nnz file: a transport of ~60 lines on
// winston-transport's base class, around nnzip's createCompressor.
//
//   npm install nnzip winston winston-transport
//   node examples/winston.js [file] [lines]   # a demo: logs [lines] lines to [file] (app.log.nnz)
//
// Every `flushInterval` ms with something written, the transport ends a frame
// (compressor.flush()), so a crash loses at most that much of the log; what
// was flushed decodes with nncat even if the process dies (the transport
// emits 'flushed' with the number of lines that are safe). logger.end() ends
// the stream and waits until the file is closed. The file is opened for
// appending: the streams of successive runs decode as one log.
'use strict';
const fs = require('node:fs');
const { createCompressor } = require('nnzip');
const TransportStream = require('winston-transport');

/** winston's formatted line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

class NnzipTransport extends TransportStream {
  /**
   * @param {object} options winston-transport's (level, format...), plus
   *   filename, flushInterval (ms, default 1000) and compressor (createCompressor's
   *   options; tableBits 16 by default: 6 MiB for a long-lived stream, see the README).
   */
  constructor({ filename, flushInterval = 1000, compressor = {}, ...options }) {
    super(options);
    this.compressor = createCompressor({ tableBits: 16, ...compressor });
    this.file = fs.createWriteStream(filename, { flags: 'a' });
    this.compressor.on('error', (err) => this.emit('error', err));
    this.file.on('error', (err) => this.emit('error', err));
    // By hand rather than pipe(), to know when a flushed frame is in the file.
    this.out = 0; // bytes the compressor gave out so far
    this.lines = 0; // lines written to the compressor so far
    this.flushes = []; // in order: the file size each flush waits for, and the lines it makes safe
    this.compressor.on('data', (chunk) => {
      this.out += chunk.length;
      if (!this.file.write(chunk, () => this.settle())) this.compressor.pause();
    });
    this.file.on('drain', () => this.compressor.resume());
    this.compressor.on('end', () => this.file.end());
    this.pending = false;
    this.timer = setInterval(() => {
      if (!this.pending) return;
      this.pending = false;
      const lines = this.lines;
      this.compressor.flush(() => {
        // The frame is out of the compressor (bytes still in its buffer count too).
        this.flushes.push({ size: this.out + this.compressor.readableLength, lines });
        this.settle();
      });
    }, flushInterval);
    this.timer.unref();
  }

  /** 'flushed' (lines): the first `lines` lines are in the file (written to the OS): they survive the process. */
  settle() {
    while (this.flushes.length > 0 && this.file.bytesWritten >= this.flushes[0].size) {
      this.emit('flushed', this.flushes.shift().lines);
    }
  }

  log(info, callback) {
    this.pending = true;
    this.lines++;
    this.compressor.write(`${info[MESSAGE]}\n`, () => {
      this.emit('logged', info);
      callback();
    });
  }

  /** After the last line (logger.end() ends its transports and waits for them): the end record, then the file closed. */
  _final(callback) {
    clearInterval(this.timer);
    this.file.once('close', () => callback());
    this.compressor.end();
  }

  /** winston calls close() when the transport is removed from its logger. */
  close() {
    if (!this.writableEnded) this.end();
  }
}

module.exports = { NnzipTransport };

if (require.main === module) {
  const winston = require('winston');
  const file = process.argv[2] || 'app.log.nnz';
  const lines = Number(process.argv[3] || 10000);
  const logger = winston.createLogger({
    format: winston.format.json(),
    transports: [new NnzipTransport({ filename: file, flushInterval: 1000 })],
  });
  for (let i = 0; i < lines; i++) logger.info('request done', { path: `/api/items/${i % 97}`, status: 200, i });
  logger.on('finish', () => console.log(`${file}: ${fs.statSync(file).size} bytes`));
  logger.end();
}
