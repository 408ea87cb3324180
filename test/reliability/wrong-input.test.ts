/**
 * Input that is not (or not yet) an nnzip stream this build can read: each
 * must fail with its own documented code, the same through the sync, promise
 * and stream APIs, and before any output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync, crc32 } from 'node:zlib';
import { ErrorCode, NnzipError, compressSync, createCompressor, createDecompressor, decompress, decompressSync, compress } from '../../src/index';
import { chunk, logText, runStream } from './helpers';

const valid = compressSync(logText(2000, 41), { level: 1 });
const validOriginal = logText(2000, 41);

/** The header with byte `at` set to `value` and its CRC-32 (bytes 8..11) recomputed, so later checks are reached. */
function patchHeader(at: number, value: number, fixCrc: boolean): Buffer {
  const b = Buffer.from(valid);
  b[at] = value;
  if (fixCrc) b.writeUInt32BE(crc32(b.subarray(0, 8)), 8);
  return b;
}

/** Decodes `input` all three ways; each must fail with `code` and the stream must emit nothing. */
async function expectCode(input: Buffer, code: string, what: string): Promise<void> {
  assert.throws(
    () => decompressSync(input),
    (e: unknown) => e instanceof NnzipError && e.code === code,
    `${what}: decompressSync`,
  );
  await assert.rejects(decompress(input), (e: unknown) => e instanceof NnzipError && e.code === code, `${what}: decompress`);
  for (const size of [1, 5, 1 << 16]) {
    const { output, error } = await runStream(createDecompressor(), chunk(input, [size]));
    assert.ok(error instanceof NnzipError, `${what}: stream (${size}-byte writes) gave ${String(error)}`);
    assert.equal(error.code, code, `${what}: stream (${size}-byte writes): ${error.message}`);
    assert.equal(output.length, 0, `${what}: stream emitted bytes before failing`);
  }
}

test('not an nnzip stream: BAD_MAGIC', async () => {
  await expectCode(Buffer.from('hello, world\n'), ErrorCode.BAD_MAGIC, 'plain text');
  await expectCode(gzipSync(validOriginal), ErrorCode.BAD_MAGIC, 'a gzip file');
  // PNG also starts with 0x89; only the next bytes differ.
  await expectCode(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), ErrorCode.BAD_MAGIC, 'a PNG header');
  await expectCode(Buffer.alloc(64), ErrorCode.BAD_MAGIC, 'zeros');
  await expectCode(Buffer.from([0x89, 0x4e, 0x4e, 0x5b]), ErrorCode.BAD_MAGIC, 'magic with its last byte wrong');
  await expectCode(valid.subarray(1), ErrorCode.BAD_MAGIC, 'a stream missing its first byte');
});

test('empty and too short input: TRUNCATED', async () => {
  await expectCode(Buffer.alloc(0), ErrorCode.TRUNCATED, 'empty input');
  await expectCode(valid.subarray(0, 3), ErrorCode.TRUNCATED, 'three bytes of magic');
  await expectCode(valid.subarray(0, 11), ErrorCode.TRUNCATED, 'a header one byte short');
  await expectCode(valid.subarray(0, 12), ErrorCode.TRUNCATED, 'a header alone');
  // Empty input through the stream API with no write at all, only end().
  const { output, error } = await runStream(createDecompressor(), []);
  assert.ok(error instanceof NnzipError && error.code === ErrorCode.TRUNCATED, `end() alone gave ${String(error)}`);
  assert.equal(output.length, 0);
});

test('unknown format version: UNSUPPORTED_VERSION, checked before the header CRC', async () => {
  // Byte 4 alone is patched: the header CRC no longer matches, yet the version must be reported.
  for (const v of [0, 3, 4, 0x7f, 0xff]) await expectCode(patchHeader(4, v, false), ErrorCode.UNSUPPORTED_VERSION, `version ${v}`);
  await expectCode(patchHeader(4, 3, true), ErrorCode.UNSUPPORTED_VERSION, 'version 3, CRC fixed');
});

test('a future model id or parameters out of range: UNSUPPORTED_MODEL', async () => {
  for (const id of [0, 3, 200, 255]) await expectCode(patchHeader(5, id, true), ErrorCode.UNSUPPORTED_MODEL, `model id ${id}`);
  for (const level of [0, 10, 255]) await expectCode(patchHeader(6, level, true), ErrorCode.UNSUPPORTED_MODEL, `level ${level}`);
  for (const bits of [0, 9, 23, 64]) await expectCode(patchHeader(7, bits, true), ErrorCode.UNSUPPORTED_MODEL, `tableBits ${bits}`);
  // Without the CRC fixed the same bytes are a damaged header.
  await expectCode(patchHeader(5, 3, false), ErrorCode.BAD_HEADER, 'model id 3, CRC not fixed');
});

test('trailing garbage after a complete stream is an error, not silently dropped; zero padding is ignored', async () => {
  await expectCodeAfterOutput(Buffer.concat([valid, Buffer.from('garbage!')]), ErrorCode.TRAILING_GARBAGE);
  await expectCodeAfterOutput(Buffer.concat([valid, Buffer.alloc(5), Buffer.from('x')]), ErrorCode.TRAILING_GARBAGE);
  await expectCodeAfterOutput(Buffer.concat([valid, valid.subarray(0, 20)]), ErrorCode.TRUNCATED);
  const padded = Buffer.concat([valid, Buffer.alloc(1000)]);
  assert.ok(decompressSync(padded).equals(validOriginal));
  const { output, error } = await runStream(createDecompressor(), chunk(padded, [777]));
  assert.equal(error, null);
  assert.ok(output.equals(validOriginal));
});

/** Like expectCode, but the stream API may first emit the valid stream's bytes (and only those). */
async function expectCodeAfterOutput(input: Buffer, code: string): Promise<void> {
  assert.throws(() => decompressSync(input), (e: unknown) => e instanceof NnzipError && e.code === code);
  const { output, error } = await runStream(createDecompressor(), chunk(input, [777]));
  assert.ok(error instanceof NnzipError && error.code === code, `stream gave ${String(error)}`);
  assert.ok(validOriginal.subarray(0, output.length).equals(output), 'stream emitted bytes that are not the original');
}

test('invalid options: INVALID_OPTION, from every entry point', async () => {
  const bad: unknown[] = [{ level: 0 }, { level: 10 }, { level: 1.5 }, { level: '6' }, { frameSize: 0 }, { frameSize: -1 }, { tableBits: 9 }, { tableBits: 23 }, { level: NaN }];
  for (const o of bad) {
    const opts = o as Parameters<typeof compressSync>[1];
    const is = (e: unknown) => e instanceof NnzipError && e.code === ErrorCode.INVALID_OPTION;
    assert.throws(() => compressSync(Buffer.from('x'), opts), is, JSON.stringify(o));
    assert.throws(() => createCompressor(opts), is, JSON.stringify(o));
    await assert.rejects(compress(Buffer.from('x'), opts), is, JSON.stringify(o));
  }
});
