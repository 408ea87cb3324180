/**
 * Every documented error code, raised by a crafted input, with a message
 * that says what is wrong; through the sync, promise and stream APIs. Input
 * that is not (or not yet) a stream this build reads fails the same way in
 * all of them, before any output. And the promise behind the codes: damaged
 * input gives an error, never wrong bytes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { crc32, gzipSync } from 'node:zlib';
import {
  compress,
  compressSync,
  createCompressor,
  createDecompressor,
  decompress,
  decompressSync,
  ErrorCode,
  isNnzipError,
  NnzipError,
} from '../../src/index';
import { HEADER_SIZE } from '../../src/format/container';
import { chunk, runStream } from '../reliability/helpers';
import { logText, parseRecords, Rng, throughStream } from './helpers';

/** A valid multi-frame level-1 stream and its content. */
const TEXT = logText(3000, 41);
const GOOD = compressSync(TEXT, { level: 1, frameSize: 1000 });
const RECORDS = parseRecords(GOOD);
const FRAMES = RECORDS.filter((r) => r.kind === 'frame');
const END_AT = RECORDS.find((r) => r.kind === 'end')!.offset;
/** The stream header's size. */
const HEADER = HEADER_SIZE;

function expectCode(input: Buffer, code: string, message: RegExp): void {
  assert.throws(
    () => decompressSync(input),
    (err: unknown) => {
      assert.ok(isNnzipError(err), `expected an NnzipError, got ${String(err)}`);
      assert.ok(err instanceof NnzipError && err instanceof Error);
      assert.equal(err.code, code, `wrong code for: ${err.message}`);
      assert.match(err.message, message);
      return true;
    },
  );
}

function patched(b: Buffer, edit: (c: Buffer) => void): Buffer {
  const c = Buffer.from(b);
  edit(c);
  return c;
}

/** Rewrites header fields and recomputes the header CRC, so only the field is wrong. */
function withHeader(b: Buffer, fields: { version?: number; model?: number; level?: number; tableBits?: number }): Buffer {
  return patched(b, (c) => {
    if (fields.version !== undefined) c[4] = fields.version;
    if (fields.model !== undefined) c[5] = fields.model;
    if (fields.level !== undefined) c[6] = fields.level;
    if (fields.tableBits !== undefined) c[7] = fields.tableBits;
    c.writeUInt32BE(crc32(c.subarray(0, HEADER - 4)), HEADER - 4);
  });
}

describe('ERR_NNZIP_BAD_MAGIC', () => {
  it('not an nnzip stream', () => {
    expectCode(Buffer.from('plain text, not compressed\n'), ErrorCode.BAD_MAGIC, /not in nnzip format/);
    expectCode(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), ErrorCode.BAD_MAGIC, /magic/);
  });
  it('as soon as 4 bytes are in, even if the input is shorter than a header', () => {
    expectCode(Buffer.from('PK\x03\x04'), ErrorCode.BAD_MAGIC, /not in nnzip format/);
  });
});

describe('ERR_NNZIP_TRAILING_GARBAGE', () => {
  it('bytes after a complete stream that start no stream, with where they begin', () => {
    expectCode(Buffer.concat([GOOD, Buffer.from('garbage!')]), ErrorCode.TRAILING_GARBAGE, new RegExp(`trailing garbage at byte ${GOOD.length},`));
    // Zero padding followed by something else: the garbage begins with the zeros.
    expectCode(Buffer.concat([GOOD, Buffer.alloc(16), Buffer.from('x')]), ErrorCode.TRAILING_GARBAGE, new RegExp(`at byte ${GOOD.length},`));
    // Once, not twice: the message names the problem once.
    assert.throws(() => decompressSync(Buffer.concat([GOOD, Buffer.from('garbage!')])), (e: Error) => e.message.split('garbage').length === 2);
  });
});

describe('ERR_NNZIP_UNSUPPORTED_VERSION', () => {
  it('a future format version, checked before the header CRC', () => {
    expectCode(patched(GOOD, (c) => (c[4] = 4)), ErrorCode.UNSUPPORTED_VERSION, /version 4/);
    expectCode(withHeader(GOOD, { version: 0 }), ErrorCode.UNSUPPORTED_VERSION, /version 0/);
  });
});

describe('ERR_NNZIP_UNSUPPORTED_MODEL', () => {
  it('unknown model id, level or table size (header CRC valid)', () => {
    expectCode(withHeader(GOOD, { model: 4 }), ErrorCode.UNSUPPORTED_MODEL, /model id 4/);
    expectCode(withHeader(GOOD, { model: 0 }), ErrorCode.UNSUPPORTED_MODEL, /model id 0/);
    expectCode(withHeader(GOOD, { level: 0 }), ErrorCode.UNSUPPORTED_MODEL, /level 0/);
    expectCode(withHeader(GOOD, { level: 10 }), ErrorCode.UNSUPPORTED_MODEL, /level 10/);
    expectCode(withHeader(GOOD, { tableBits: 9 }), ErrorCode.UNSUPPORTED_MODEL, /table size/);
    expectCode(withHeader(GOOD, { tableBits: 40 }), ErrorCode.UNSUPPORTED_MODEL, /table size/);
  });
});

describe('ERR_NNZIP_BAD_HEADER', () => {
  it('a header byte changed without its CRC', () => {
    for (const at of [5, 6, 7, 8, 11, HEADER - 1]) {
      expectCode(patched(GOOD, (c) => (c[at] ^= 0x01)), ErrorCode.BAD_HEADER, /header is damaged/);
    }
  });
  it('in the second of two concatenated streams, with its offset', () => {
    const second = patched(GOOD, (c) => (c[6] ^= 0x01));
    expectCode(Buffer.concat([GOOD, second]), ErrorCode.BAD_HEADER, new RegExp(`stream starting at byte ${GOOD.length}`));
  });
});

describe('ERR_NNZIP_TRUNCATED', () => {
  it('empty input', () => {
    expectCode(Buffer.alloc(0), ErrorCode.TRUNCATED, /input is empty/);
  });
  it('every proper prefix of a stream', () => {
    const small = compressSync(Buffer.from('abc\ndef\n'), { level: 1, frameSize: 1 });
    for (let n = 1; n < small.length; n++) {
      expectCode(small.subarray(0, n), ErrorCode.TRUNCATED, /truncated/);
    }
    // The same on the real multi-frame stream at record boundaries and inside payloads.
    for (const r of RECORDS) {
      for (const n of [r.offset, r.offset + 1, r.offset + 13, r.offset + 20]) {
        if (n > 0 && n < GOOD.length) expectCode(GOOD.subarray(0, n), ErrorCode.TRUNCATED, /end of input/);
      }
    }
  });
  it('a truncated second stream', () => {
    expectCode(Buffer.concat([GOOD, GOOD.subarray(0, 30)]), ErrorCode.TRUNCATED, new RegExp(`byte ${GOOD.length + 30}`));
  });
});

describe('ERR_NNZIP_CORRUPT', () => {
  const f0 = FRAMES[0].offset;
  it('unknown frame type', () => {
    expectCode(patched(GOOD, (c) => (c[f0] = 7)), ErrorCode.CORRUPT, /unknown frame type 7/);
  });
  it('impossible original length', () => {
    expectCode(patched(GOOD, (c) => c.writeUInt32BE(0, f0 + 1)), ErrorCode.CORRUPT, /original length 0/);
    expectCode(patched(GOOD, (c) => c.writeUInt32BE(0x7fffffff, f0 + 1)), ErrorCode.CORRUPT, /original length/);
  });
  it('payload longer than a coded frame can be', () => {
    expectCode(patched(GOOD, (c) => c.writeUInt32BE(FRAMES[0].rawLength! + 9, f0 + 5)), ErrorCode.CORRUPT, /payload length/);
  });
  it('coded data that runs out long before the frame does', () => {
    // Keep the frame's header but cut its payload to 2 bytes (the rest of the stream follows at once).
    const f = FRAMES[0];
    const short = Buffer.concat([
      patched(GOOD.subarray(0, f.offset + 13), (c) => c.writeUInt32BE(2, f.offset + 5)),
      GOOD.subarray(f.offset + 13, f.offset + 15),
      GOOD.subarray(f.offset + 13 + f.payloadLength!),
    ]);
    expectCode(short, ErrorCode.CORRUPT, /coded data ends too early \(at byte \d+ of \d+\)/);
  });
  it('stored frame whose payload length differs from its original length', () => {
    const stored = compressSync(new Rng(5).bytes(300), { level: 1 });
    assert.equal(stored[HEADER], 2, 'random bytes are stored');
    expectCode(patched(stored, (c) => c.writeUInt32BE(299, HEADER + 5)), ErrorCode.CORRUPT, /payload length 299 for 300 bytes/);
  });
});

describe('ERR_NNZIP_CHECKSUM', () => {
  it('a flipped bit in a coded payload (or CORRUPT, if the damaged code runs past its end; or exact output)', () => {
    const f = FRAMES[1];
    assert.equal(f.type, 1);
    for (const at of [0, 3, Math.floor(f.payloadLength! / 2), f.payloadLength! - 1]) {
      const bad = patched(GOOD, (c) => (c[f.offset + 13 + at] ^= 0x08));
      let out: Buffer;
      try {
        out = decompressSync(bad);
      } catch (e) {
        assert.ok(
          isNnzipError(e) &&
            ((e.code === ErrorCode.CHECKSUM && /data check failed in frame 2/.test(e.message)) ||
              (e.code === ErrorCode.CORRUPT && /coded data ends too early/.test(e.message))),
          String(e),
        );
        continue;
      }
      // The low bits of the last coded byte can be slack (the coder's final
      // interval admits several values): then the output must be exact.
      assert.equal(at, f.payloadLength! - 1, 'only the last byte may be slack');
      assert.ok(out.equals(TEXT), 'an undetected flip must not change the output');
    }
  });
  it('a changed byte in a stored payload', () => {
    const stored = compressSync(new Rng(5).bytes(300), { level: 1 });
    expectCode(patched(stored, (c) => (c[HEADER + 13 + 100] ^= 0xff)), ErrorCode.CHECKSUM, /data check failed/);
  });
  it('a frame CRC field', () => {
    expectCode(patched(GOOD, (c) => (c[FRAMES[0].offset + 9] ^= 0x80)), ErrorCode.CHECKSUM, /CRC-32/);
  });
  it('the end record: length or CRC', () => {
    expectCode(patched(GOOD, (c) => (c[END_AT + 8] ^= 0x01)), ErrorCode.CHECKSUM, /stream check failed/);
    expectCode(patched(GOOD, (c) => (c[END_AT + 12] ^= 0x01)), ErrorCode.CHECKSUM, /stream check failed/);
  });
  it('a dropped frame (the stream check catches it)', () => {
    const f = FRAMES[1];
    const next = FRAMES[2].offset;
    const dropped = Buffer.concat([GOOD.subarray(0, f.offset), GOOD.subarray(next)]);
    assert.throws(
      () => decompressSync(dropped),
      (e: unknown) => isNnzipError(e) && (e.code === ErrorCode.CHECKSUM || e.code === ErrorCode.CORRUPT),
    );
  });
});

describe('input this build cannot read: one code in every API, before any output', () => {
  /** The header with byte `at` set to `value`, its CRC recomputed or (to test what is checked first) not. */
  const header = (at: number, value: number, fixCrc: boolean) =>
    patched(GOOD, (c) => {
      c[at] = value;
      if (fixCrc) c.writeUInt32BE(crc32(c.subarray(0, HEADER - 4)), HEADER - 4);
    });
  const cases: Array<[string, Buffer, string]> = [
    ['plain text', Buffer.from('hello, world\n'), ErrorCode.BAD_MAGIC],
    ['a gzip file', gzipSync(TEXT), ErrorCode.BAD_MAGIC],
    // PNG also starts with 0x89; only the next bytes differ.
    ['a PNG header', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ErrorCode.BAD_MAGIC],
    ['zeros', Buffer.alloc(64), ErrorCode.BAD_MAGIC],
    ['the magic with its last byte wrong', Buffer.from([0x89, 0x4e, 0x4e, 0x5b]), ErrorCode.BAD_MAGIC],
    ['a stream missing its first byte', GOOD.subarray(1), ErrorCode.BAD_MAGIC],
    ['empty input', Buffer.alloc(0), ErrorCode.TRUNCATED],
    ['three bytes of magic', GOOD.subarray(0, 3), ErrorCode.TRUNCATED],
    ['a header one byte short', GOOD.subarray(0, HEADER - 1), ErrorCode.TRUNCATED],
    ['a header alone', GOOD.subarray(0, HEADER), ErrorCode.TRUNCATED],
    // The version is reported even though the header CRC no longer matches.
    ...[0, 4, 5, 0x7f, 0xff].map((v): [string, Buffer, string] => [`format version ${v}`, header(4, v, false), ErrorCode.UNSUPPORTED_VERSION]),
    ['format version 4, CRC fixed', header(4, 4, true), ErrorCode.UNSUPPORTED_VERSION],
    ...[0, 4, 200, 255].map((v): [string, Buffer, string] => [`model id ${v}`, header(5, v, true), ErrorCode.UNSUPPORTED_MODEL]),
    ...[0, 10, 255].map((v): [string, Buffer, string] => [`level ${v}`, header(6, v, true), ErrorCode.UNSUPPORTED_MODEL]),
    ...[0, 9, 23, 64].map((v): [string, Buffer, string] => [`tableBits ${v}`, header(7, v, true), ErrorCode.UNSUPPORTED_MODEL]),
    ['model id 4, CRC not fixed', header(5, 4, false), ErrorCode.BAD_HEADER],
  ];
  for (const [what, input, code] of cases) {
    it(`${what}: ${code}`, async () => {
      const is = (e: unknown) => e instanceof NnzipError && e.code === code;
      assert.throws(() => decompressSync(input), is, 'decompressSync');
      await assert.rejects(decompress(input), is, 'decompress');
      for (const size of [1, 5, 1 << 16]) {
        const { output, error } = await runStream(createDecompressor(), chunk(input, [size]));
        assert.ok(is(error), `stream (${size}-byte writes) gave ${String(error)}`);
        assert.equal(output.length, 0, `stream (${size}-byte writes) emitted bytes before failing`);
      }
    });
  }
  it('end() with no write at all: TRUNCATED', async () => {
    const { output, error } = await runStream(createDecompressor(), []);
    assert.ok(error instanceof NnzipError && error.code === ErrorCode.TRUNCATED, `end() alone gave ${String(error)}`);
    assert.equal(output.length, 0);
  });
});

describe('ERR_NNZIP_INVALID_OPTION', () => {
  const bad: Array<[unknown, RegExp]> = [
    [{ level: 0 }, /level: 0/],
    [{ level: 10 }, /level: 10/],
    [{ level: 2.5 }, /level: 2\.5/],
    [{ level: '6' }, /level: 6/],
    [{ level: NaN }, /level: NaN/],
    [{ frameSize: 0 }, /frameSize: 0/],
    [{ frameSize: -1 }, /frameSize: -1/],
    [{ frameSize: 1 << 30 }, /frameSize/],
    [{ tableBits: 9 }, /tableBits: 9/],
    [{ tableBits: 23 }, /tableBits: 23/],
    [null, /options must be an object/],
    [42, /options must be an object/],
  ];
  for (const [opts, msg] of bad) {
    it(`rejects ${inspect(opts)} in all three APIs`, async () => {
      const check = (err: unknown) => {
        assert.ok(isNnzipError(err));
        assert.equal(err.code, ErrorCode.INVALID_OPTION);
        assert.match(err.message, msg);
        return true;
      };
      assert.throws(() => compressSync(Buffer.from('x'), opts as never), check);
      assert.throws(() => createCompressor(opts as never), check);
      await assert.rejects(compress(Buffer.from('x'), opts as never), check);
    });
  }
});

describe('errors through the asynchronous APIs', () => {
  it('decompress() rejects, the stream emits error, with the same code', async () => {
    const cases: Array<[Buffer, string]> = [
      [Buffer.from('not nnzip at all'), ErrorCode.BAD_MAGIC],
      [GOOD.subarray(0, GOOD.length - 1), ErrorCode.TRUNCATED],
      [patched(GOOD, (c) => (c[FRAMES[0].offset + 9] ^= 0x40)), ErrorCode.CHECKSUM],
      [patched(GOOD, (c) => (c[FRAMES[0].offset] = 9)), ErrorCode.CORRUPT],
      [withHeader(GOOD, { model: 4 }), ErrorCode.UNSUPPORTED_MODEL],
    ];
    for (const [input, code] of cases) {
      await assert.rejects(decompress(input), { code });
      await assert.rejects(throughStream(createDecompressor(), input, 64), { code });
    }
  });

  it('a damaged frame releases no bytes: output is always a prefix of the original', async () => {
    const r = new Rng(77);
    for (let trial = 0; trial < 12; trial++) {
      const at = HEADER + r.int(GOOD.length - HEADER);
      const bad = patched(GOOD, (c) => (c[at] ^= 1 << r.int(8)));
      const stream = createDecompressor();
      const parts: Buffer[] = [];
      stream.on('data', (b: Buffer) => parts.push(b));
      const err = await new Promise<unknown>((resolve) => {
        stream.on('error', resolve);
        stream.on('end', () => resolve(null));
        stream.end(bad);
      });
      assert.ok(isNnzipError(err), `flip at ${at} was not detected`);
      const out = Buffer.concat(parts);
      assert.ok(TEXT.subarray(0, out.length).equals(out), `flip at ${at}: wrong bytes released`);
    }
  });
});
