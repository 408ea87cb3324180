/**
 * The streams as the product describes them: each direction is Transform
 * stages composed by pumpify into one duplex (sentence splitter → coding
 * stage → framer; deframer → decoding stage), with errors in stream order,
 * bounded buffering however many frames one chunk holds, and the
 * decompressor's `trailing` option (issue 12, item 4).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Transform } from 'node:stream';
import Pumpify from 'pumpify';
import { compressSync, createCompressor, createDecompressor, decompress, decompressSync, ErrorCode } from '../../src/index';
import { chunk, runStream } from '../reliability/helpers';
import { logText } from './helpers';

const TEXT = logText(20_000, 8);
const PACKED = compressSync(TEXT, { level: 1 });
const TAIL = Buffer.concat([Buffer.alloc(2), Buffer.from('not a stream\n')]);

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('stages', () => {
  it('each direction is a Pumpify of Transform stages', () => {
    const c = createCompressor({ level: 1, tableBits: 10 });
    // One thread: with more, the decoding stage is ThreadedDecodeStage (test/core/threads.test.ts).
    const d = createDecompressor({ threads: 1 });
    for (const s of [c, d]) {
      assert.ok(s instanceof Pumpify);
      const inner = s as unknown as { _writable: unknown; _readable: unknown };
      assert.ok(inner._writable instanceof Transform && inner._readable instanceof Transform);
      assert.notEqual(inner._writable, inner._readable);
      s.destroy();
    }
    const names = (s: unknown) => [(s as { _writable: object })._writable.constructor.name, (s as { _readable: object })._readable.constructor.name];
    assert.deepEqual(names(c), ['SentenceSplitter', 'Framer']);
    assert.deepEqual(names(d), ['Deframer', 'DecodeStage']);
  });

  it('a chunk of a thousand frames is not parsed ahead of a reader that does not read', async () => {
    const lines = Buffer.from(`${'x'.repeat(99)}\n`.repeat(1000));
    const many = compressSync(lines, { level: 1, frameSize: 100, tableBits: 10 });
    assert.ok(many.length < 40_000, `${many.length} bytes`);
    const d = createDecompressor();
    let called = false;
    d.write(many, () => {
      called = true;
    });
    for (let i = 0; i < 5; i++) await tick();
    // Nobody reads: the readable side fills to its high-water mark, and the
    // other frames wait in the deframer's queue, unparsed into output.
    assert.ok(d.readableLength > 0 && d.readableLength <= d.readableHighWaterMark + 100, `buffered ${d.readableLength} bytes of output`);
    assert.equal(called, false, "the write's callback waits until its frames are decoded");
    const out: Buffer[] = [];
    d.on('data', (b: Buffer) => out.push(b));
    await new Promise<void>((resolve) => d.end(resolve));
    assert.ok(Buffer.concat(out).equals(lines));
    assert.ok(called);
    assert.equal(d.bytesWritten, many.length);
  });

  it("an error at the end of input does not overtake a frame's own error", async () => {
    // Truncated after a damaged frame: decoding the frame fails first, in every chunking.
    const damaged = Buffer.from(PACKED.subarray(0, PACKED.length - 13));
    damaged[40] ^= 0x20;
    let code = '';
    assert.throws(() => decompressSync(damaged), (err: { code: string }) => {
      code = err.code;
      return true;
    });
    assert.notEqual(code, ErrorCode.TRUNCATED);
    for (const size of [1, 7, 100, damaged.length]) {
      const r = await runStream(createDecompressor(), chunk(damaged, [size]));
      assert.equal((r.error as { code?: string }).code, code, `in chunks of ${size}`);
    }
  });
});

describe('the trailing option', () => {
  const input = Buffer.concat([PACKED, PACKED, TAIL]);

  it("'error' (the default): ERR_NNZIP_TRAILING_GARBAGE after the streams' output, in every API", async () => {
    assert.throws(() => decompressSync(input), { code: ErrorCode.TRAILING_GARBAGE, message: new RegExp(`at byte ${2 * PACKED.length},`) });
    await assert.rejects(decompress(input, { trailing: 'error' }), { code: ErrorCode.TRAILING_GARBAGE });
    for (const size of [5, 4096]) {
      const r = await runStream(createDecompressor(), chunk(input, [size]));
      assert.equal((r.error as { code?: string }).code, ErrorCode.TRAILING_GARBAGE);
      assert.ok(r.output.equals(Buffer.concat([TEXT, TEXT])), 'both streams are released before the error');
    }
  });

  it("'ignore': the data alone, and one 'trailing' event with the garbage's offset", async () => {
    const both = Buffer.concat([TEXT, TEXT]);
    assert.ok(decompressSync(input, { trailing: 'ignore' }).equals(both));
    assert.ok((await decompress(input, { trailing: 'ignore' })).equals(both));
    for (const size of [1, 5, 4096]) {
      const d = createDecompressor({ trailing: 'ignore' });
      const offsets: number[] = [];
      d.on('trailing', (at: number) => offsets.push(at));
      const r = await runStream(d, chunk(input, [size]));
      assert.equal(r.error, null);
      assert.ok(r.output.equals(both));
      assert.deepEqual(offsets, [2 * PACKED.length], `in chunks of ${size}`);
    }
  });

  it("'copy': the garbage after the data, as it is (the zeros before it included)", async () => {
    const expected = Buffer.concat([TEXT, TEXT, TAIL]);
    assert.ok(decompressSync(input, { trailing: 'copy' }).equals(expected));
    assert.ok((await decompress(input, { trailing: 'copy' })).equals(expected));
    for (const size of [1, 5, 4096]) {
      const r = await runStream(createDecompressor({ trailing: 'copy' }), chunk(input, [size]));
      assert.equal(r.error, null);
      assert.ok(r.output.equals(expected), `in chunks of ${size}`);
    }
    // The copied bytes are output: they count towards maxOutputLength.
    assert.throws(() => decompressSync(input, { trailing: 'copy', maxOutputLength: 2 * TEXT.length + 1 }), { code: 'ERR_BUFFER_TOO_LARGE' });
  });

  it('zero padding is no garbage: ignored in every mode, no event', async () => {
    const padded = Buffer.concat([PACKED, Buffer.alloc(512)]);
    for (const trailing of ['error', 'ignore', 'copy'] as const) {
      assert.ok(decompressSync(padded, { trailing }).equals(TEXT));
      const d = createDecompressor({ trailing });
      d.on('trailing', () => assert.fail('padding reported as trailing garbage'));
      const r = await runStream(d, chunk(padded, [100]));
      assert.equal(r.error, null);
      assert.ok(r.output.equals(TEXT));
    }
  });

  it('garbage before any stream is still BAD_MAGIC, in every mode', () => {
    for (const trailing of ['error', 'ignore', 'copy'] as const) {
      assert.throws(() => decompressSync(TAIL.subarray(2), { trailing }), { code: ErrorCode.BAD_MAGIC });
    }
  });

  it('any other value is ERR_NNZIP_INVALID_OPTION', () => {
    for (const v of ['report', 'IGNORE', true, 1, null]) {
      assert.throws(() => createDecompressor({ trailing: v as never }), { code: ErrorCode.INVALID_OPTION, message: /invalid option trailing/ });
      assert.throws(() => decompressSync(PACKED, { trailing: v as never }), { code: ErrorCode.INVALID_OPTION });
    }
  });
});
