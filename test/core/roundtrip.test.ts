/**
 * Round trips through the three APIs (sync, promise, stream) on awkward
 * inputs, concatenated and multi-frame streams, chunking independence, and
 * fs pipelines. Mostly level 1 (the fastest); levels 6 and 9 on tiny data.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  compress,
  compressSync,
  createCompressor,
  createDecompressor,
  decompress,
  decompressSync,
  FORMAT_VERSION,
  MAGIC,
} from '../../src/index';
import { presetFor } from '../../src/model/presets';
import { logText, parseRecords, Rng, throughStream } from './helpers';

const HEADER = 12;
const FRAME_HEADER = 13;
const END = 13;

function allBytes(): Buffer {
  const b = Buffer.alloc(256 * 3);
  for (let i = 0; i < 256; i++) {
    b[i] = i; // ascending
    b[256 + i] = 255 - i; // descending
    b[512 + i] = (i * 167) & 255; // a permutation (167 is odd)
  }
  return b;
}

const CASES: Array<[string, Buffer]> = [
  ['empty input', Buffer.alloc(0)],
  ['one byte', Buffer.from('x')],
  ['one line feed', Buffer.from('\n')],
  ['no final newline', Buffer.from('first line\nsecond line without a newline')],
  ['CRLF line ends', Buffer.from('GET / HTTP/1.1\r\nHost: example.org\r\nAccept: */*\r\n\r\n'.repeat(20))],
  ['invalid UTF-8', Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xfe, 0x0a, 0xed, 0xa0, 0x80])],
  ['NUL bytes', Buffer.concat([Buffer.alloc(500), Buffer.from('a\0b\0\0c\n\0'), Buffer.alloc(300)])],
  ['all 256 byte values', allBytes()],
  ['random binary', new Rng(7).bytes(6000)],
  ['log text', logText(12000, 3)],
];

describe('round trip, all three APIs agree', () => {
  for (const [name, data] of CASES) {
    it(name, async () => {
      const opts = { level: 1 };
      const sync = compressSync(data, opts);
      assert.deepEqual(decompressSync(sync), data);
      const viaPromise = await compress(data, opts);
      assert.ok(viaPromise.equals(sync), 'promise API output differs from sync');
      assert.deepEqual(await decompress(viaPromise), data);
      const viaStream = await throughStream(createCompressor(opts), data, 1000);
      assert.ok(viaStream.equals(sync), 'stream API output differs from sync');
      assert.deepEqual(await throughStream(createDecompressor(), viaStream, 333), data);
    });
  }

  it('empty input is a header and an end record only', () => {
    const c = compressSync(Buffer.alloc(0));
    assert.equal(c.length, HEADER + END);
    assert.ok(c.subarray(0, 4).equals(MAGIC));
    assert.equal(c[4], FORMAT_VERSION);
    assert.equal(decompressSync(c).length, 0);
  });

  it('accepts a Uint8Array view into a larger buffer', () => {
    const backing = Buffer.from('XXXXhello nnzip\nYYYY');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 12);
    const c = compressSync(view, { level: 1 });
    assert.equal(decompressSync(new Uint8Array(c)).toString(), 'hello nnzip\n');
  });

  for (const level of [6, 9]) {
    it(`level ${level} on tiny inputs`, async () => {
      for (const data of [Buffer.alloc(0), Buffer.from('a'), logText(1500, level), allBytes()]) {
        const c = compressSync(data, { level });
        assert.equal(c[6], level, 'level byte in the header');
        assert.deepEqual(decompressSync(c), data);
        assert.ok((await compress(data, { level })).equals(c));
      }
    });
  }
});

describe('incompressible input', () => {
  it('is stored: at most header + frame headers + end record larger', () => {
    const r = new Rng(11);
    for (const [size, frameSize] of [[1, undefined], [100, undefined], [20000, undefined], [20000, 4000]] as const) {
      const data = r.bytes(size);
      const c = compressSync(data, { level: 1, frameSize });
      const frames = parseRecords(c).filter((x) => x.kind === 'frame');
      assert.ok(frames.every((f) => f.type === 2), 'random frames should be stored (type 2)');
      assert.ok(c.length <= size + HEADER + END + FRAME_HEADER * frames.length, `${c.length} bytes for ${size}`);
      assert.deepEqual(decompressSync(c), data);
    }
  });

  it('a stored frame between coded ones keeps the model in step', () => {
    const data = Buffer.concat([logText(4000, 5), Buffer.from('\n'), new Rng(3).bytes(3000), Buffer.from('\n'), logText(4000, 6)]);
    const c = compressSync(data, { level: 1, frameSize: 2000 });
    const types = parseRecords(c)
      .filter((x) => x.kind === 'frame')
      .map((f) => f.type);
    assert.ok(types.includes(1) && types.includes(2), `expected coded and stored frames, got ${types}`);
    assert.deepEqual(decompressSync(c), data);
  });
});

describe('chunking', () => {
  const data = logText(20000, 9);
  const opts = { level: 1, frameSize: 4096 };

  it('1-byte writes give the same bytes as one big write, and decode 1 byte at a time', async () => {
    const reference = compressSync(data, opts);
    const oneByte = await throughStream(createCompressor(opts), data, 1);
    assert.ok(oneByte.equals(reference), 'compressed bytes depend on input chunking');
    const whole = await throughStream(createCompressor(opts), data, data.length);
    assert.ok(whole.equals(reference));
    assert.deepEqual(await throughStream(createDecompressor(), reference, 1), data);
  });

  it('stored frames between coded ones: small writes (frames copied into reused buffers) give the same bytes', async () => {
    const mixed = Buffer.concat([logText(6000, 5), Buffer.from('\n'), new Rng(3).bytes(9000), Buffer.from('\n'), logText(6000, 6)]);
    const reference = compressSync(mixed, opts);
    const types = parseRecords(reference)
      .filter((x) => x.kind === 'frame')
      .map((f) => f.type);
    assert.ok(types.includes(1) && types.includes(2), `expected coded and stored frames, got ${types}`);
    assert.ok((await throughStream(createCompressor(opts), mixed, 1000)).equals(reference));
  });

  it('odd chunk sizes, including ones that split records', async () => {
    const reference = compressSync(data, opts);
    for (const size of [7, 13, 4095, 4097]) {
      assert.ok((await throughStream(createCompressor(opts), data, size)).equals(reference), `chunk ${size}`);
      assert.deepEqual(await throughStream(createDecompressor(), reference, size), data);
    }
  });
});

describe('multi-frame streams', () => {
  it('cut at line ends once frameSize is reached', () => {
    const data = logText(10000, 12);
    const frameSize = 512;
    const c = compressSync(data, { level: 1, frameSize });
    const frames = parseRecords(c).filter((x) => x.kind === 'frame');
    assert.ok(frames.length > 10);
    let at = 0;
    frames.forEach((f, i) => {
      const end = at + f.rawLength!;
      if (i < frames.length - 1) {
        assert.equal(data[end - 1], 0x0a, 'a frame ends with a line feed');
        assert.ok(f.rawLength! >= frameSize);
        // ...at the first line end that makes it at least frameSize long.
        assert.equal(end - 1, data.indexOf(0x0a, at + frameSize - 1));
      }
      at = end;
    });
    assert.equal(at, data.length);
    assert.deepEqual(decompressSync(c), data);
  });

  it('frameSize 1: a frame per line', () => {
    const data = Buffer.from('a\nbb\n\nccc\nno newline');
    const c = compressSync(data, { level: 1, frameSize: 1 });
    const lens = parseRecords(c)
      .filter((x) => x.kind === 'frame')
      .map((f) => f.rawLength);
    assert.deepEqual(lens, [2, 3, 1, 4, 10]);
    assert.deepEqual(decompressSync(c), data);
  });

  it('frames do not reset the model: a later frame benefits from earlier ones', () => {
    const line = Buffer.from('2024-03-14T09:30:00.000Z INFO  [api] the same line again and again\n');
    const data = Buffer.concat(Array.from({ length: 60 }, () => line));
    const c = compressSync(data, { level: 1, frameSize: line.length * 10 });
    const frames = parseRecords(c).filter((x) => x.kind === 'frame');
    assert.ok(frames[frames.length - 1].payloadLength! < frames[0].payloadLength! / 4);
    assert.deepEqual(decompressSync(c), data);
  });
});

describe('concatenated streams', () => {
  const a = logText(5000, 21);
  const b = Buffer.concat([Buffer.from('\0\0binary\r\n'), new Rng(2).bytes(500)]);
  const c = Buffer.from('last part, no newline');

  it('decode to the concatenation of their contents, levels mixed', async () => {
    const ca = compressSync(a, { level: 1, frameSize: 1000 });
    const cb = compressSync(b, { level: 6 });
    const cempty = compressSync(Buffer.alloc(0), { level: 9 });
    const cc = compressSync(c, { level: 2, tableBits: 12 });
    const all = Buffer.concat([ca, cb, cempty, cc]);
    const expected = Buffer.concat([a, b, c]);
    assert.deepEqual(decompressSync(all), expected);
    assert.deepEqual(await decompress(all), expected);
    assert.deepEqual(await throughStream(createDecompressor(), all, 97), expected);
  });

  it('a stream of only empty streams decodes to nothing', () => {
    const e = compressSync(Buffer.alloc(0));
    assert.equal(decompressSync(Buffer.concat([e, e, e])).length, 0);
  });
});

describe('fs pipeline', () => {
  it('file -> compressor -> file -> decompressor -> file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nnzip-test-'));
    try {
      const data = Buffer.concat([logText(30000, 31), Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a])]);
      const src = join(dir, 'in.log');
      const packed = join(dir, 'in.log.nnz');
      const out = join(dir, 'out.log');
      await writeFile(src, data);
      await pipeline(createReadStream(src, { highWaterMark: 4096 }), createCompressor({ level: 1, frameSize: 8192 }), createWriteStream(packed));
      const c = await readFile(packed);
      assert.ok(c.equals(compressSync(data, { level: 1, frameSize: 8192 })));
      await pipeline(createReadStream(packed, { highWaterMark: 1000 }), createDecompressor(), createWriteStream(out));
      assert.deepEqual(await readFile(out), data);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a corrupt file makes the pipeline reject with an NnzipError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nnzip-test-'));
    try {
      const c = compressSync(logText(3000, 32), { level: 1 });
      c[12 + 9] ^= 0x10; // the frame's CRC field
      const packed = join(dir, 'bad.nnz');
      await writeFile(packed, c);
      await assert.rejects(pipeline(createReadStream(packed), createDecompressor(), createWriteStream(join(dir, 'out'))), {
        name: 'NnzipError',
        code: 'ERR_NNZIP_CHECKSUM',
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('sizeHint', () => {
  // Every level runs on the WebAssembly kernel with its full table, so a hint never shrinks the table (options.ts).
  it('changes nothing at any level: the full table, the same bytes, and the stream decodes', () => {
    const text = logText(40, 6);
    for (let level = 1; level <= 9; level++) {
      const bits = presetFor(level).tableBits;
      const plain = compressSync(text, { level });
      for (const hint of [0, 100, text.length, 10_000_000]) {
        const packed = compressSync(text, { level, sizeHint: hint });
        assert.equal(packed[7], bits, `level ${level}, sizeHint ${hint}: tableBits`);
        assert.ok(packed.equals(plain), `level ${level}, sizeHint ${hint}: other bytes than without a hint`);
      }
      assert.ok(decompressSync(plain).equals(text));
    }
    // tableBits given explicitly wins over the hint.
    assert.equal(compressSync(text, { level: 6, sizeHint: 0, tableBits: 14 })[7], 14);
  });

});
