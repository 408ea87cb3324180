/**
 * Blocks and the block index (format 3, FORMAT.md §2.4-§2.6), with tiny
 * blocks (the hidden options blockBytes and primeBytes) so that a few
 * kilobytes hold many: the output does not depend on how the input is
 * chunked; the block functions a worker runs give the sequential coder's
 * bytes; blocks out of place are errors before their bytes come out; the
 * index is what -l reads on a file, and damage to it never stops the data
 * from decoding.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { compressSync, createCompressor, createDecompressor, decompressSync, ErrorCode, isNnzipError } from '../../src/index';
import {
  BlockCutter,
  blockRecordOf,
  checkBlockStart,
  decodeBlock,
  encodeBlock,
  errorFromWire,
  errorToWire,
  primeLength,
  streamHeader,
  StreamTail,
} from '../../src/coder/block-codec';
import { BLOCK_RECORD_SIZE, FRAME_BLOCK, FRAME_END, FRAME_END_INDEXED, FRAME_INDEX, HEADER_SIZE } from '../../src/format/container';
import { MODEL2_ID } from '../../src/model/presets';
import { resolveCompressOptions, CompressOptions } from '../../src/options';
import { SentenceBatcher } from '../../src/stream/sentence-batcher';
import { Encoder } from '../../src/coder/encoder';
import { serializeRecord, StreamParams } from '../../src/format/container';
import { listFile, walkContainer, fileSource } from '../../src/cli/list';
import { chunk, runStream } from '../reliability/helpers';
import { logText, Rng } from './helpers';
import { walk } from './crafted';

const TINY: CompressOptions = { frameSize: 2000, blockBytes: 7000, primeBytes: 3000, tableBits: 10 };
const TEXT = logText(40_000, 21);

/** The stream's parts: header, each block's bytes (block record + frames), the index + end records. */
function blocksOf(b: Buffer): { header: Buffer; blocks: Buffer[]; tail: Buffer } {
  const w = walk(b);
  const starts = w.filter((r) => r.record.kind === 'frame' && (r.record.block !== undefined || r.at === HEADER_SIZE)).map((r) => r.at);
  const end = w.find((r) => r.record.kind === 'end')!;
  const blocks = starts.map((s, i) => b.subarray(s, i + 1 < starts.length ? starts[i + 1] : end.at));
  return { header: b.subarray(0, HEADER_SIZE), blocks, tail: b.subarray(end.at, end.at + end.size) };
}

/** The frames the sequential compressor cuts, grouped into blocks by the cutting rule. */
function blockFrames(data: Buffer, options: CompressOptions): Buffer[][] {
  const { params, frameSize } = resolveCompressOptions(options);
  const frames: Buffer[] = [];
  const batcher = new SentenceBatcher(frameSize);
  batcher.push(data, (f) => frames.push(f.data));
  batcher.end((f) => frames.push(f.data));
  const cutter = new BlockCutter(params.blockBytes);
  const blocks: Buffer[][] = [];
  for (const f of frames) {
    if (cutter.next(f.length) || blocks.length === 0) blocks.push([]);
    blocks[blocks.length - 1].push(f);
  }
  return blocks;
}

/** What a parallel compressor does: every block on its own, then the index and end records. */
function compressByBlocks(data: Buffer, options: CompressOptions): Buffer {
  const { params } = resolveCompressOptions(options);
  const blocks = blockFrames(data, options);
  const block0 = blocks.length > 0 ? blocks[0].reduce((n, f) => n + f.length, 0) : 0;
  const prime = data.subarray(0, primeLength(params.primeBytes ?? 0, block0));
  const out = [streamHeader(params)];
  const tail = new StreamTail();
  let start = { rawOffset: 0, crc: 0 };
  // In reverse order, as threads may finish: each block depends only on its job.
  const coded = blocks.map((frames, index) => ({ index, frames })).reverse().map((j) => encodeBlock({ params, index: j.index, prime, frames: j.frames, start: startOf(blocks, j.index) }));
  coded.reverse();
  for (const r of coded) {
    out.push(r.records);
    tail.addBlock(r.records.length, r.rawLength, r.frames);
    start = { rawOffset: start.rawOffset + r.rawLength, crc: r.crcAfter };
  }
  out.push(tail.finish(start.crc));
  return Buffer.concat(out);
}

function startOf(blocks: Buffer[][], k: number): { rawOffset: number; crc: number } {
  let rawOffset = 0;
  let crc = 0;
  for (let i = 0; i < k; i++) for (const f of blocks[i]) ((rawOffset += f.length), (crc = crc32(f, crc)));
  return { rawOffset, crc };
}

function paramsOf(b: Buffer): StreamParams {
  const r = walk(b)[0].record;
  assert.equal(r.kind, 'header');
  return (r as { params: StreamParams }).params;
}

async function compressStream(data: Buffer, options: CompressOptions, sizes: number[]): Promise<Buffer> {
  const r = await runStream(createCompressor(options), chunk(data, sizes));
  assert.equal(r.error, null);
  return r.output;
}

describe('blocks: the output depends on the data and the options only', () => {
  for (const level of [1, 6, 9]) {
    it(`level ${level}: many tiny blocks, the same bytes from every API and chunking, and back`, async () => {
      const options = { ...TINY, level };
      const packed = compressSync(TEXT, options);
      const { blocks, tail } = blocksOf(packed);
      assert.ok(blocks.length >= 5, `${blocks.length} blocks`);
      assert.equal(tail[0], FRAME_INDEX, 'an index before the end record');
      for (const sizes of [[1 << 20], [1], [777, 13], [4096]]) {
        const input = sizes[0] === 1 ? TEXT.subarray(0, 9000) : TEXT;
        const expected = sizes[0] === 1 ? compressSync(input, options) : packed;
        assert.ok((await compressStream(input, options, sizes)).equals(expected), `chunks of ${sizes}`);
      }
      assert.ok(compressByBlocks(TEXT, options).equals(packed), 'block by block = sequential');
      assert.ok(decompressSync(packed).equals(TEXT));
      for (const size of [1, 100, 5000]) {
        const r = await runStream(createDecompressor(), chunk(packed, [size]));
        assert.equal(r.error, null);
        assert.ok(r.output.equals(TEXT), `decompressed in ${size}-byte writes`);
      }
    });
  }

  it('the prime is learned in the same steps as a frame is coded: any slicing gives the same bytes', () => {
    const options = { ...TINY, level: 3 };
    const { params } = resolveCompressOptions(options);
    const frames = blockFrames(TEXT, options).flat();
    const sliced = new Encoder(params);
    const out: Buffer[] = [];
    const put = (r: Parameters<typeof serializeRecord>[0]) => out.push(...serializeRecord(r));
    put(sliced.header());
    frames.forEach((f, i) => {
      sliced.beginFrame(f);
      while (!sliced.step(1 + (i % 5) * 7));
      put(sliced.finishFrame());
    });
    put(sliced.end());
    assert.ok(Buffer.concat(out).equals(compressSync(TEXT, options)));
  });

  it('flush() cuts a frame, and with it maybe a block: still the original', async () => {
    const c = createCompressor({ ...TINY, level: 1 });
    const parts: Buffer[] = [];
    c.on('data', (b: Buffer) => parts.push(b));
    const done = new Promise((r) => c.on('end', r));
    for (let at = 0; at < TEXT.length; at += 5003) {
      c.write(TEXT.subarray(at, at + 5003));
      await new Promise<void>((r) => c.flush(() => r()));
    }
    c.end();
    await done;
    const packed = Buffer.concat(parts);
    assert.ok(blocksOf(packed).blocks.length >= 5);
    assert.ok(decompressSync(packed).equals(TEXT));
  });

  it('block by block decoding (what a worker runs) gives the original, in any order', () => {
    const packed = compressSync(TEXT, { ...TINY, level: 2 });
    const { blocks } = blocksOf(packed);
    const p = paramsOf(packed);
    // Block 0 first, for the prime; then the others in reverse.
    const first = decodeBlock({ params: p, index: 0, prime: null, data: blocks[0], inputOffset: HEADER_SIZE });
    assert.equal(first.error, null);
    const outs: Buffer[] = [first.data];
    for (let k = blocks.length - 1; k >= 1; k--) {
      const d = decodeBlock({ params: p, index: k, prime: first.data, data: blocks[k] });
      assert.equal(d.error, null);
      assert.equal(d.start.primeLength, blockRecordOf(blocks[k])!.primeLength);
      outs[k] = d.data;
    }
    assert.ok(Buffer.concat(outs).equals(TEXT));
  });

  it('blocks: a block ends at the first frame end at which it holds blockBytes; the prime is at most block 0', () => {
    const cutter = new BlockCutter(10);
    assert.deepEqual([4, 5, 1, 9, 3, 20, 1].map((n) => cutter.next(n)), [false, false, false, true, false, true, true]);
    assert.equal(primeLength(3000, 2000), 2000);
    assert.equal(primeLength(3000, 20000), 3000);
  });

  it('one block: format 2 sizes (no block record, no index; 25 bytes for empty input)', () => {
    assert.equal(compressSync(Buffer.alloc(0)).length, 25);
    const small = compressSync(TEXT.subarray(0, 5000), { ...TINY, level: 1 });
    assert.equal(blocksOf(small).blocks.length, 1);
    assert.equal(small[small.length - 13], FRAME_END);
  });

  it('model 2, asked for, stays format 2 whatever the block options', () => {
    const { params, frameSize } = resolveCompressOptions({ ...TINY, level: 1 });
    const e = new Encoder({ ...params, modelId: MODEL2_ID });
    const out: Buffer[] = [];
    const put = (r: Parameters<typeof serializeRecord>[0]) => out.push(...serializeRecord(r));
    put(e.header());
    const b = new SentenceBatcher(frameSize);
    b.push(TEXT, (f) => put(e.frameOf(f.data)));
    b.end((f) => put(e.frameOf(f.data)));
    put(e.end());
    const packed = Buffer.concat(out);
    assert.equal(packed[4], 2);
    assert.ok(walk(packed).every((r) => r.record.kind !== 'frame' || r.record.block === undefined));
    assert.ok(decompressSync(packed).equals(TEXT));
  });
});

describe('blocks out of place are errors, never wrong output', () => {
  const packed = compressSync(TEXT, { ...TINY, level: 1 });
  const { header, blocks, tail } = blocksOf(packed);
  const cases: Record<string, Buffer[]> = {
    'two blocks swapped': [blocks[0], blocks[2], blocks[1], ...blocks.slice(3)],
    'a block dropped': [blocks[0], ...blocks.slice(2)],
    'a block repeated': [blocks[0], blocks[1], blocks[1], ...blocks.slice(2)],
    'the last block dropped': blocks.slice(0, -1),
    'block 0 dropped': blocks.slice(1),
  };
  for (const [what, parts] of Object.entries(cases)) {
    it(what, async () => {
      const bad = Buffer.concat([header, ...parts, tail]);
      let out: Buffer | null = null;
      assert.throws(
        () => (out = decompressSync(bad)),
        (e: unknown) => isNnzipError(e) && (e.code === ErrorCode.CHECKSUM || e.code === ErrorCode.CORRUPT),
      );
      assert.equal(out, null);
      const r = await runStream(createDecompressor(), chunk(bad, [1000]));
      assert.ok(isNnzipError(r.error), String(r.error));
      assert.ok(TEXT.subarray(0, r.output.length).equals(r.output), 'released bytes are a prefix of the original');
    });
  }

  it('a block record whose offset, CRC or prime length is wrong', () => {
    const at = HEADER_SIZE + blocks[0].length; // block 1's record
    assert.equal(packed[at], FRAME_BLOCK);
    const patched = (off: number, v: number) => {
      const c = Buffer.from(packed);
      c[at + off] ^= v;
      return c;
    };
    assert.throws(() => decompressSync(patched(8, 1)), { code: ErrorCode.CHECKSUM, message: /block check failed: the record of block 1/ });
    assert.throws(() => decompressSync(patched(12, 1)), { code: ErrorCode.CHECKSUM, message: /block check failed/ });
    // A prime longer than block 0, or than the decoder keeps: impossible.
    assert.throws(() => decompressSync(patched(14, 0x40)), { code: ErrorCode.CORRUPT, message: /prime/ });
    assert.throws(() => decompressSync(patched(13, 0x10)), { code: ErrorCode.CORRUPT, message: /prime/ });
    // Another prime: the model differs, so the frames fail their checks (or their code runs out).
    assert.throws(() => decompressSync(patched(16, 1)), (e: unknown) => isNnzipError(e) && (e.code === ErrorCode.CHECKSUM || e.code === ErrorCode.CORRUPT));
  });

  it('block records where there is no block: first, twice, or before the end', () => {
    const rec = blocks[1].subarray(0, BLOCK_RECORD_SIZE);
    assert.throws(() => decompressSync(Buffer.concat([header, rec, ...blocks, tail])), { code: ErrorCode.CORRUPT });
    assert.throws(() => decompressSync(Buffer.concat([header, blocks[0], rec, ...blocks.slice(1), tail])), { code: ErrorCode.CORRUPT });
    assert.throws(() => decompressSync(Buffer.concat([header, ...blocks, rec, tail])), { code: ErrorCode.CORRUPT });
  });

  it('decodeBlock returns the error with the bytes verified before it, and checks the start it is given', () => {
    const p = paramsOf(packed);
    const first = decodeBlock({ params: p, index: 0, prime: null, data: blocks[0] });
    const damaged = Buffer.from(blocks[1]);
    damaged[damaged.length - 3] ^= 0x10; // in the last frame's payload
    const d = decodeBlock({ params: p, index: 1, prime: first.data, data: damaged, inputOffset: 1234, firstFrame: 5 });
    assert.ok(isNnzipError(d.error));
    assert.ok(d.data.length > 0 && TEXT.subarray(first.data.length, first.data.length + d.data.length).equals(d.data));
    const wrong = decodeBlock({ params: p, index: 2, prime: first.data, data: blocks[2], expectedStart: { rawOffset: 0, crc: 0 }, inputOffset: 99 });
    assert.equal(wrong.data.length, 0);
    assert.match(String(wrong.error), /block check failed: the record of block 2 at byte 99/);
    const d2 = decodeBlock({ params: p, index: 2, prime: first.data, data: blocks[2] });
    assert.throws(() => checkBlockStart(2, d2.start, { rawOffset: first.data.length, crc: first.crcAfter }), { code: ErrorCode.CHECKSUM });
    const limited = decodeBlock({ params: p, index: 0, prime: null, data: blocks[0], maxOutputLength: 3000, releasedBefore: 0 });
    assert.equal((limited.error as { code?: string }).code, 'ERR_BUFFER_TOO_LARGE');
    assert.ok(limited.data.length <= 3000);
    const back = errorFromWire(errorToWire(d.error!));
    assert.ok(isNnzipError(back) && back.code === (d.error as { code: string }).code && back.message === d.error!.message);
    const range = errorFromWire(errorToWire(limited.error!));
    assert.ok(range instanceof RangeError && (range as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE');
  });
});

describe('the block index', () => {
  const packed = compressSync(TEXT, { ...TINY, level: 1 });
  const { tail } = blocksOf(packed);
  const indexAt = packed.length - tail.length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnzip-index-'));
  const list = async (b: Buffer) => {
    const file = path.join(dir, 'x.nnz');
    fs.writeFileSync(file, b);
    const fd = fs.openSync(file, 'r');
    try {
      const fast = await listFile(fd, b.length).catch((e: Error) => e);
      const slow = await walkContainer(fileSource(fd, b.length)).catch((e: Error) => e);
      return { fast, slow };
    } finally {
      fs.closeSync(fd);
    }
  };

  it('-l from the index gives what walking the frames gives: one stream, concatenations, padding', async () => {
    const single = compressSync(TEXT.subarray(0, 3000), { level: 1, tableBits: 10 });
    for (const b of [
      packed,
      Buffer.concat([packed, packed]),
      Buffer.concat([single, packed]),
      Buffer.concat([packed, single]),
      Buffer.concat([single, packed, packed, Buffer.alloc(100)]),
    ]) {
      const { fast, slow } = await list(b);
      assert.ok(!(slow instanceof Error), String(slow));
      assert.deepEqual(fast, slow);
    }
  });

  it('a damaged index: decompression still gives the data, -l falls back to walking', async () => {
    for (const off of [1, 6, 14, 20, tail.length - 17 - 9, tail.length - 17 - 1]) {
      const bad = Buffer.from(packed);
      bad[indexAt + off] ^= 0x04;
      if (off === 1) {
        // The count: the index no longer fits the stream.
        assert.throws(() => decompressSync(bad), { code: ErrorCode.CORRUPT });
        continue;
      }
      assert.ok(decompressSync(bad).equals(TEXT), `index byte ${off}`);
      const { fast, slow } = await list(bad);
      assert.deepEqual(fast, slow);
    }
    // The end record's index length: the framing is wrong, an error everywhere.
    const bad = Buffer.from(packed);
    bad[packed.length - 1] ^= 0x01;
    assert.throws(() => decompressSync(bad), { code: ErrorCode.CORRUPT });
    const { fast } = await list(bad);
    assert.ok(isNnzipError(fast) && fast.code === ErrorCode.CORRUPT);
  });

  it('the end record after an index, and only there', () => {
    const plainEnd = Buffer.from(packed);
    plainEnd[packed.length - 17] = FRAME_END;
    assert.throws(() => decompressSync(plainEnd), { code: ErrorCode.CORRUPT });
    const noIndex = Buffer.concat([packed.subarray(0, indexAt), packed.subarray(packed.length - 17)]);
    assert.throws(() => decompressSync(noIndex), { code: ErrorCode.CORRUPT });
    assert.equal(packed[packed.length - 17], FRAME_END_INDEXED);
  });

  it('a stream cut inside its index or end record is truncated, for the decoder and -l', async () => {
    for (const n of [indexAt + 1, indexAt + 5, indexAt + 30, packed.length - 17, packed.length - 1]) {
      assert.throws(() => decompressSync(packed.subarray(0, n)), { code: ErrorCode.TRUNCATED }, `cut at ${n}`);
      const { fast, slow } = await list(packed.subarray(0, n));
      assert.ok(isNnzipError(fast) && fast.code === ErrorCode.TRUNCATED, `-l of a stream cut at ${n}: ${String(fast)}`);
      assert.ok(isNnzipError(slow));
    }
  });

  it('random damage anywhere: the original or an error, never other bytes', () => {
    const r = new Rng(4);
    for (let i = 0; i < 40; i++) {
      const bad = Buffer.from(packed);
      const at = r.int(packed.length);
      bad[at] ^= 1 << r.int(8);
      try {
        assert.ok(decompressSync(bad).equals(TEXT), `flip at ${at}`);
      } catch (e) {
        assert.ok(isNnzipError(e), String(e));
      }
    }
  });
});
