/**
 * What a user of node:zlib expects of the library: the callback and
 * promisified forms of the one-call API, every input type zlib takes (and a
 * coded error for anything else), unknown options rejected, flush() making
 * everything written so far decodable, bytesWritten and close(), and
 * maxOutputLength stopping a decompression bomb at the caller's limit.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { constants as zlibConstants } from 'node:zlib';
import {
  BUFFER_TOO_LARGE,
  compress,
  compressSync,
  createCompressor,
  createDecompressor,
  decompress,
  decompressSync,
  ErrorCode,
  isNnzipError,
} from '../../src/index';
import { logText, parseRecords, throughStream } from './helpers';

const TEXT = logText(6000, 5);
const PACKED = compressSync(TEXT);

function hasCode(code: string) {
  return (err: unknown): boolean => {
    assert.ok(isNnzipError(err), `expected an NnzipError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('callback and promise forms', () => {
  it('compress(buf, cb) and decompress(buf, cb) call back with (null, result) and return undefined', async () => {
    const packed = await new Promise<Buffer>((resolve, reject) => {
      const ret = compress(TEXT, (err, out) => (err ? reject(err) : resolve(out!)));
      assert.equal(ret, undefined);
    });
    assert.ok(packed.equals(PACKED), 'the callback form writes what compressSync writes');
    const back = await new Promise<Buffer>((resolve, reject) => {
      const ret = decompress(packed, (err, out) => (err ? reject(err) : resolve(out!)));
      assert.equal(ret, undefined);
    });
    assert.ok(back.equals(TEXT));
  });

  it('compress(buf, options, cb), with options undefined too', async () => {
    const l9 = await new Promise<Buffer>((resolve, reject) => compress(TEXT, { level: 9 }, (e, r) => (e ? reject(e) : resolve(r!))));
    assert.ok(l9.equals(compressSync(TEXT, { level: 9 })));
    const dflt = await new Promise<Buffer>((resolve, reject) => compress(TEXT, undefined, (e, r) => (e ? reject(e) : resolve(r!))));
    assert.ok(dflt.equals(compressSync(TEXT)));
    const back = await new Promise<Buffer>((resolve, reject) =>
      decompress(l9, { maxOutputLength: TEXT.length }, (e, r) => (e ? reject(e) : resolve(r!))),
    );
    assert.ok(back.equals(TEXT));
  });

  it('a damaged input goes to the callback, once, with its code', async () => {
    const calls: unknown[][] = [];
    await new Promise<void>((resolve) =>
      decompress(Buffer.from('not nnzip at all'), (...args) => {
        calls.push(args);
        setTimeout(resolve, 20); // room for a second call, which must not come
      }),
    );
    assert.equal(calls.length, 1);
    assert.equal(calls[0].length, 1, 'an error is called back alone, as zlib does');
    hasCode(ErrorCode.BAD_MAGIC)(calls[0][0]);
  });

  it('in the callback form a bad option or argument throws at once, as in zlib', () => {
    const never = () => assert.fail('the callback must not be called');
    assert.throws(() => compress(TEXT, { level: 42 }, never), hasCode(ErrorCode.INVALID_OPTION));
    assert.throws(() => decompress(PACKED, { maxOutputLength: 0 }, never), hasCode(ErrorCode.INVALID_OPTION));
    assert.throws(() => compress(42 as never, never), hasCode(ErrorCode.INVALID_ARG_TYPE));
    assert.throws(() => compress(TEXT, {}, 'not a function' as never), (err: unknown) => {
      hasCode(ErrorCode.INVALID_ARG_TYPE)(err);
      assert.match((err as Error).message, /"callback" argument must be of type function/);
      return true;
    });
  });

  it('util.promisify(compress) and util.promisify(decompress) work, with and without options', async () => {
    const pc = promisify(compress);
    const pd = promisify(decompress);
    const packed = await pc(TEXT);
    assert.ok(packed.equals(PACKED));
    assert.ok((await pc(TEXT, { level: 9 })).equals(compressSync(TEXT, { level: 9 })));
    assert.ok((await pd(packed)).equals(TEXT));
    assert.ok((await pd(packed, { maxOutputLength: TEXT.length })).equals(TEXT));
    await assert.rejects(pd(Buffer.from('garbage!')), hasCode(ErrorCode.BAD_MAGIC));
    await assert.rejects(pc(TEXT, { level: 0 }), hasCode(ErrorCode.INVALID_OPTION));
  });

  it('without a callback: a promise, which rejects (never throws) on bad arguments', async () => {
    assert.ok((await compress(TEXT)).equals(PACKED));
    assert.ok((await decompress(PACKED)).equals(TEXT));
    let p: Promise<Buffer> | undefined;
    assert.doesNotThrow(() => {
      p = compress(null as never);
    });
    await assert.rejects(p!, hasCode(ErrorCode.INVALID_ARG_TYPE));
    await assert.rejects(decompress(PACKED, { chunkSize: 1024 } as never), hasCode(ErrorCode.INVALID_OPTION));
  });
});

describe('input types', () => {
  const bytes = Buffer.from('héllo wörld €\n'.repeat(40), 'utf8');
  // The same bytes behind every view zlib accepts, the views offset into a larger buffer.
  const backing = new ArrayBuffer(bytes.length + 24);
  new Uint8Array(backing, 8, bytes.length).set(bytes);
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  const inputs: Array<[string, unknown]> = [
    ['string (encoded as UTF-8)', bytes.toString('utf8')],
    ['Buffer', bytes],
    ['Uint8Array view at an offset', new Uint8Array(backing, 8, bytes.length)],
    ['DataView at an offset', new DataView(backing, 8, bytes.length)],
    ['ArrayBuffer', backing.slice(8, 8 + bytes.length)],
    ['SharedArrayBuffer', shared],
    ['Uint16Array', new Uint16Array(backing, 8, bytes.length / 2)],
    ['Float64Array', new Float64Array(backing.slice(8, 8 + (bytes.length & ~7)))],
    ['BigInt64Array', new BigInt64Array(backing.slice(8, 8 + (bytes.length & ~7)))],
    ['Int8Array', new Int8Array(backing, 8, bytes.length)],
    ['Uint8ClampedArray', new Uint8ClampedArray(backing, 8, bytes.length)],
  ];
  for (const [name, input] of inputs) {
    it(`${name}: its bytes, in all four APIs`, async () => {
      const view = input as ArrayBufferView;
      const expected =
        typeof input === 'string' ? bytes : ArrayBuffer.isView(input) ? Buffer.from(view.buffer, view.byteOffset, view.byteLength) : Buffer.from(input as ArrayBuffer);
      const packed = compressSync(expected, { level: 1 });
      assert.ok(compressSync(input as never, { level: 1 }).equals(packed), 'compressSync');
      assert.ok((await compress(input as never, { level: 1 })).equals(packed), 'compress');
      // The compressed form, in the same kind of container, decompresses.
      const asInput = (b: Buffer): unknown => {
        if (typeof input === 'string') return b; // compressed data is bytes, not text
        const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
        if (input instanceof DataView) return new DataView(ab);
        if (ArrayBuffer.isView(input)) return new Uint8Array(ab);
        return ab;
      };
      assert.ok(decompressSync(asInput(packed) as never).equals(expected), 'decompressSync');
      assert.ok((await decompress(asInput(packed) as never)).equals(expected), 'decompress');
    });
  }

  const bad: Array<[string, unknown, RegExp]> = [
    ['a number', 42, /Received type number \(42\)/],
    ['null', null, /Received null/],
    ['undefined', undefined, /Received undefined/],
    ['a boolean', true, /Received type boolean \(true\)/],
    ['a plain object', { length: 3 }, /Received an instance of Object/],
    ['an array of bytes', [1, 2, 3], /Received an instance of Array/],
  ];
  for (const [name, input, message] of bad) {
    it(`${name} is ERR_NNZIP_INVALID_ARG_TYPE in all four APIs, not a bare TypeError`, async () => {
      const check = (err: unknown) => {
        hasCode(ErrorCode.INVALID_ARG_TYPE)(err);
        assert.match((err as Error).message, /The "data" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer/);
        assert.match((err as Error).message, message);
        return true;
      };
      assert.throws(() => compressSync(input as never), check);
      assert.throws(() => decompressSync(input as never), check);
      await assert.rejects(compress(input as never), check);
      await assert.rejects(decompress(input as never), check);
    });
  }
});

describe('options', () => {
  const zlibOnly = ['chunkSize', 'memLevel', 'windowBits', 'strategy', 'dictionary', 'finishFlush'];
  for (const key of zlibOnly) {
    it(`zlib's ${key} is rejected, naming it, not silently ignored`, async () => {
      const opts = { [key]: key === 'dictionary' ? Buffer.from('x') : 1 } as never;
      const check = (err: unknown) => {
        hasCode(ErrorCode.INVALID_OPTION)(err);
        assert.match((err as Error).message, new RegExp(`unknown option ${key} \\(a node:zlib option that nnzip does not have`));
        return true;
      };
      assert.throws(() => createCompressor(opts), check);
      assert.throws(() => compressSync(TEXT, opts), check);
      await assert.rejects(compress(TEXT, opts), check);
      assert.throws(() => createDecompressor(opts), check);
      assert.throws(() => decompressSync(PACKED, opts), check);
      await assert.rejects(decompress(PACKED, opts), check);
    });
  }

  it('a misspelt option, or one of the other direction, is rejected with what is accepted', () => {
    assert.throws(() => createCompressor({ levle: 9 } as never), /unknown option levle \(the compressor takes level, frameSize, sizeHint, tableBits, threads, flushInterval\)/);
    assert.throws(() => createCompressor({ maxOutputLength: 10 } as never), /unknown option maxOutputLength \(it is a decompressor option/);
    assert.throws(() => decompressSync(PACKED, { level: 6 } as never), /unknown option level \(it is a compressor option; the decompressor takes maxOutputLength, trailing, threads\)/);
  });

  it('a key whose value is undefined counts as absent, as for the known options', () => {
    assert.ok(compressSync(TEXT, { level: undefined, chunkSize: undefined } as never).equals(PACKED));
    assert.ok(decompressSync(PACKED, { maxOutputLength: undefined, level: undefined } as never).equals(TEXT));
  });

  it('maxOutputLength must be a positive integer', () => {
    for (const v of [0, -1, 1.5, '100', NaN, Infinity]) {
      assert.throws(() => createDecompressor({ maxOutputLength: v as never }), hasCode(ErrorCode.INVALID_OPTION));
      assert.throws(() => decompressSync(PACKED, { maxOutputLength: v as never }), /invalid option maxOutputLength/);
    }
  });
});

/** A decompressor fed `bytes` without end(): what it has released once it is done with them. */
async function decodePrefix(bytes: Buffer): Promise<{ out: Buffer; consumed: number }> {
  const d = createDecompressor();
  const parts: Buffer[] = [];
  d.on('data', (b: Buffer) => parts.push(b));
  await new Promise<void>((resolve, reject) => {
    d.once('error', reject);
    d.write(bytes, () => resolve());
  });
  await tick(); // data pushed in the same turn reaches 'data' listeners by now
  const consumed = d.bytesWritten;
  d.destroy();
  return { out: Buffer.concat(parts), consumed };
}

describe('flush(), bytesWritten, close()', () => {
  it('a logger writes 2,000 lines and flushes: everything written so far decodes, before end()', async () => {
    const c = createCompressor({ level: 1 });
    const out: Buffer[] = [];
    c.on('data', (b: Buffer) => out.push(b));
    const lines = logText(200_000, 12);
    const firstPart = lines.subarray(0, lines.indexOf(0x0a, 150_000) + 1);
    let written = 0;
    for (let i = 0; i < 2000 && written < firstPart.length; i++) {
      const end = Math.min(firstPart.indexOf(0x0a, written) + 1, firstPart.length);
      c.write(firstPart.subarray(written, end));
      written = end;
    }
    await new Promise<void>((resolve) => c.flush(() => resolve()));
    assert.equal(c.bytesWritten, written, 'bytesWritten: all input consumed by the time flush calls back');
    const sofar = Buffer.concat(out);
    assert.ok(sofar.length > 12, 'more than the header is out');
    const { out: decoded, consumed } = await decodePrefix(sofar);
    assert.ok(decoded.equals(lines.subarray(0, written)), `decoded ${decoded.length} of ${written} bytes written`);
    assert.equal(consumed, sofar.length, "the decompressor's bytesWritten");

    // Mid-line: flush cuts the frame anyway, with zlib's flush(kind, callback) form.
    const half = lines.subarray(written, written + 37);
    c.write(half);
    await new Promise<void>((resolve) => c.flush(zlibConstants.Z_SYNC_FLUSH, () => resolve()));
    assert.ok((await decodePrefix(Buffer.concat(out))).out.equals(lines.subarray(0, written + 37)));

    // A flush with nothing new written adds nothing; the stream still ends cleanly and decodes whole.
    const before = Buffer.concat(out).length;
    await new Promise<void>((resolve) => c.flush(() => resolve()));
    assert.equal(Buffer.concat(out).length, before, 'an empty flush writes no frame');
    c.end(lines.subarray(written + 37));
    await new Promise((resolve) => c.on('end', resolve));
    assert.ok(decompressSync(Buffer.concat(out)).equals(lines));
    assert.equal(c.bytesWritten, lines.length);
  });

  it('flush() cuts a frame where a frame would not otherwise end; without flush the output is unchanged', async () => {
    const c = createCompressor({ level: 1 });
    const out: Buffer[] = [];
    c.on('data', (b: Buffer) => out.push(b));
    c.write(TEXT.subarray(0, 1000));
    c.flush();
    c.end(TEXT.subarray(1000));
    await new Promise((resolve) => c.on('end', resolve));
    const flushed = Buffer.concat(out);
    const frames = parseRecords(flushed).filter((r) => r.kind === 'frame');
    assert.deepEqual(frames.map((f) => f.rawLength), [1000, TEXT.length - 1000]);
    assert.ok(decompressSync(flushed).equals(TEXT));
    assert.ok((await throughStream(createCompressor(), TEXT, 1000)).equals(PACKED), 'no flush, no cut');
  });

  it('flush() after end() calls back once the stream has ended', async () => {
    const c = createCompressor({ level: 1 });
    c.resume();
    c.end(TEXT);
    await new Promise<void>((resolve) => c.flush(() => resolve()));
    assert.ok(c.writableFinished);
    await new Promise<void>((resolve) => c.flush(() => resolve())); // and when already finished
  });

  it('flush() on a destroyed compressor calls back with the error, as a write would', async () => {
    const c = createCompressor({ level: 1 });
    c.destroy();
    const err = await new Promise((resolve) => c.flush(resolve));
    assert.equal((err as { code?: string }).code, 'ERR_STREAM_DESTROYED');
  });

  it('close(callback) destroys the stream and calls back once it has closed', async () => {
    for (const [s, input] of [
      [createCompressor({ level: 1 }), TEXT],
      [createDecompressor(), PACKED],
    ] as const) {
      const events: string[] = [];
      s.on('close', () => events.push('close'));
      s.on('error', () => events.push('error'));
      s.write(input.subarray(0, 100));
      await new Promise<void>((resolve) => s.close(() => resolve()));
      assert.ok(s.destroyed);
      assert.deepEqual(events, ['close']);
      await new Promise<void>((resolve) => s.close(resolve)); // again, on a closed stream
    }
  });
});

describe('maxOutputLength and decompression bombs', () => {
  // A small bomb: one stream of 256 KiB of zeros in a single frame, repeated
  // (concatenated streams decode to the concatenation): 800 copies are 200 MiB
  // of output from a few tens of kB, and only the frames within the limit are
  // ever decoded, so the test takes well under a second.
  const FRAME = 256 * 1024;
  const one = compressSync(Buffer.alloc(FRAME), { level: 1, frameSize: FRAME, tableBits: 10 });
  const bomb = Buffer.concat(Array.from({ length: 800 }, () => one));
  const limit = 2 * FRAME + 1000;

  const tooLarge = (err: unknown): boolean => {
    assert.ok(err instanceof RangeError, `expected a RangeError, got ${String(err)}`);
    assert.equal((err as RangeError & { code: string }).code, 'ERR_BUFFER_TOO_LARGE');
    assert.equal(BUFFER_TOO_LARGE, 'ERR_BUFFER_TOO_LARGE');
    assert.match(err.message, new RegExp(`^Cannot create a Buffer larger than ${limit} bytes: the decompressed data exceeds maxOutputLength`));
    return true;
  };

  it('the bomb is what it claims to be', () => {
    const frames = parseRecords(bomb).filter((r) => r.kind === 'frame');
    assert.equal(frames.length, 800);
    assert.ok(frames.every((f) => f.rawLength === FRAME));
    assert.ok(one.length < 100, `one 256 KiB frame of zeros takes ${one.length} bytes`);
  });

  it('decompressSync throws a RangeError ERR_BUFFER_TOO_LARGE, as zlib does', () => {
    assert.throws(() => decompressSync(bomb, { maxOutputLength: limit }), tooLarge);
  });

  it('decompress rejects and calls back with it', async () => {
    await assert.rejects(decompress(bomb, { maxOutputLength: limit }), tooLarge);
    const err = await new Promise((resolve) => decompress(bomb, { maxOutputLength: limit }, resolve));
    tooLarge(err);
  });

  it('the limit is checked before a frame is decoded: a damaged frame past it is never reached', () => {
    // Damage the third stream's payload: decoding it would fail its checksum.
    const damaged = Buffer.from(bomb);
    damaged[2 * one.length + 12 + 13 + 5] ^= 0x55;
    assert.throws(() => decompressSync(damaged), hasCode(ErrorCode.CHECKSUM).bind(null) as never);
    assert.throws(() => decompressSync(damaged, { maxOutputLength: limit }), tooLarge);
  });

  it('a limit at or above the output decodes normally', async () => {
    const small = Buffer.concat([one, one]);
    assert.equal(decompressSync(small, { maxOutputLength: 2 * FRAME }).length, 2 * FRAME);
    assert.equal((await decompress(small, { maxOutputLength: 2 * FRAME })).length, 2 * FRAME);
    assert.throws(() => decompressSync(small, { maxOutputLength: 2 * FRAME - 1 }), /larger than 524287 bytes/);
  });

  it('the stream releases the frames within the limit, then fails with the same error', async () => {
    const d = createDecompressor({ maxOutputLength: limit });
    const parts: Buffer[] = [];
    d.on('data', (b: Buffer) => parts.push(b));
    const err = await new Promise((resolve) => {
      d.on('error', resolve);
      d.on('end', () => resolve(null));
      d.end(bomb);
    });
    tooLarge(err);
    const out = Buffer.concat(parts);
    assert.equal(out.length, 2 * FRAME, 'the two whole frames within the limit');
    assert.ok(out.equals(Buffer.alloc(2 * FRAME)));
  });

  it('a paused reader still gets every byte within the limit before the error', async () => {
    const d = createDecompressor({ maxOutputLength: limit });
    d.end(bomb);
    await tick();
    await tick();
    let got = 0;
    const err = await new Promise((resolve) => {
      d.on('error', resolve);
      d.on('readable', () => {
        let b: Buffer | null;
        while ((b = d.read()) !== null) got += b.length;
      });
    });
    tooLarge(err);
    assert.equal(got, 2 * FRAME);
  });
});
