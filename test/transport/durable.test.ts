/**
 * Durable streaming (issue 15 part 1): flushInterval ends frames on a timer,
 * so a writer that dies leaves a stream that decodes up to its last complete
 * frame; the library, `nncat` and `nnzip -d` release that data and then say
 * the stream ends early.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { compressSync, createCompressor, createDecompressor, decompressSync, ErrorCode, NnzipError, type Compressor, type CompressOptions } from '../../src/index';
import { walk } from '../core/crafted';
import { NNCAT, nnzip, run, scratch } from '../cli/helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lines(from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += `2026-11-30T01:00:00Z INFO request ${i} served in ${i % 97} ms\n`;
  return s;
}

/** A compressor whose output is collected as it comes. */
function collecting(options: CompressOptions): { c: Compressor; out: Buffer[]; bytes: () => Buffer } {
  const c = createCompressor(options);
  const out: Buffer[] = [];
  c.on('data', (b: Buffer) => out.push(b));
  return { c, out, bytes: () => Buffer.concat(out) };
}

/** Decodes through the stream API: what it released, and the error it ended with. */
async function decodeStream(input: Buffer, threads = 1): Promise<{ data: Buffer; error: NnzipError | null }> {
  const d = createDecompressor({ threads });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const error = await new Promise<NnzipError | null>((resolve) => {
    d.on('error', (e) => resolve(e as NnzipError));
    d.on('end', () => resolve(null));
    d.end(input);
  });
  return { data: Buffer.concat(out), error };
}

/** Waits until `test` holds, checking every few ms (never a timing assertion: the test's own timeout bounds it). */
async function until(test: () => boolean): Promise<void> {
  while (!test()) await sleep(5);
}

/** Bytes of input in the complete frames of `b` (a stream so far). */
function decodable(b: Buffer): number {
  let n = 0;
  for (const { record } of walk(b)) if (record.kind === 'frame') n += record.rawLength;
  return n;
}

/** Small, quick models: these tests are about when frames end, not about ratio. */
const SMALL = { level: 1, tableBits: 14 } as const;

const timerOf = (c: Compressor) => (c as unknown as { flushTimer: NodeJS.Timeout | null }).flushTimer;

describe('flushInterval', () => {
  for (const [name, options] of [
    ['one thread', { threads: 1 }],
    ['two threads, one block (the threaded stage codes on this thread at the first flush)', { threads: 2 }],
    ['two threads, parallel first (small blocks): the flush codes the rest here', { threads: 2, blockBytes: 20_000, primeBytes: 2_000, frameSize: 4_000 }],
  ] as const) {
    it(`without any flush() call, what was written decodes within the interval: ${name}`, async () => {
      const { c, bytes } = collecting({ ...SMALL, ...options, flushInterval: 30 });
      let written = '';
      for (let k = 0; k < 3; k++) {
        // A burst, then a pause: the timer ends the frame holding the burst.
        const burst = lines(k * 600, (k + 1) * 600);
        c.write(burst);
        written += burst;
        await until(() => decodable(bytes()) === written.length);
        const { data, error } = await decodeStream(bytes());
        assert.equal(data.toString(), written, 'everything written so far decodes');
        assert.equal(error?.code, ErrorCode.TRUNCATED);
        assert.match(error!.message, /the stream ends early, after its last complete frame/);
      }
      c.end();
      await new Promise((r) => c.on('end', r));
      assert.equal(decompressSync(bytes()).toString(), written, 'and it ends as any stream does');
    });
  }

  it('runs only while data waits: no timer before a write or after its flush, none ref\'d, none after end or destroy', async () => {
    const { c, bytes } = collecting({ ...SMALL, threads: 1, flushInterval: 20 });
    assert.equal(timerOf(c), null, 'no timer before anything is written');
    c.write(lines(0, 10));
    assert.ok(timerOf(c) !== null && !timerOf(c)!.hasRef(), 'a write starts an unref\'d timer');
    await until(() => timerOf(c) === null && bytes().length > 0);
    const afterFlush = bytes().length;
    await sleep(100);
    assert.equal(bytes().length, afterFlush, 'an idle stream adds no frames');
    assert.equal(timerOf(c), null);
    c.write(lines(10, 20));
    c.end();
    await new Promise((r) => c.on('finish', r));
    assert.equal(timerOf(c), null, 'end() stops it');
    const d = createCompressor({ ...SMALL, threads: 1, flushInterval: 20 });
    d.write('x\n');
    d.destroy();
    await new Promise((r) => d.on('close', r));
    assert.equal(timerOf(d), null, 'destroy() stops it');
  });

  it('is checked as the other options; the one-call functions take it and write what they always wrote', () => {
    for (const bad of [-1, 1.5, '100', 2 ** 31]) {
      assert.throws(() => createCompressor({ flushInterval: bad as number }), (e: NnzipError) => e.code === ErrorCode.INVALID_OPTION && /flushInterval/.test(e.message));
    }
    const data = lines(0, 500);
    assert.ok(compressSync(data, { ...SMALL, flushInterval: 1000 }).equals(compressSync(data, SMALL)));
  });

  it('off by default and with 0: the stream writes what compressSync writes', async () => {
    for (const options of [{}, { flushInterval: 0 }]) {
      const { c, bytes } = collecting({ ...SMALL, ...options, threads: 1 });
      c.write(lines(0, 300));
      await sleep(30);
      c.end(lines(300, 600));
      await new Promise((r) => c.on('end', r));
      assert.ok(bytes().equals(compressSync(lines(0, 600), SMALL)));
    }
  });
});

describe('a stream whose writer died: the data up to its last complete frame, then "ends early"', () => {
  const TEXT = lines(0, 1500);
  // Three frames (two flushes), then the end record: cut after the second frame, and inside the third.
  async function written(): Promise<{ full: Buffer; afterFrame2: number; frame3At: number; decodableAt2: string }> {
    const { c, bytes } = collecting({ ...SMALL, threads: 1 });
    const third = TEXT.length / 3;
    c.write(TEXT.slice(0, third));
    await new Promise<void>((r) => c.flush(() => r()));
    c.write(TEXT.slice(third, 2 * third));
    await new Promise<void>((r) => c.flush(() => r()));
    const afterFrame2 = bytes().length;
    c.end(TEXT.slice(2 * third));
    await new Promise((r) => c.on('end', r));
    return { full: bytes(), afterFrame2, frame3At: afterFrame2, decodableAt2: TEXT.slice(0, 2 * third) };
  }

  it('library: the stream API releases it, then ERR_NNZIP_TRUNCATED; decompressSync throws it (nothing to return but all)', async () => {
    const { full, afterFrame2, decodableAt2 } = await written();
    for (const [cut, where] of [
      [afterFrame2, /after its last complete frame/],
      [afterFrame2 + 9, new RegExp(`inside the record at byte ${afterFrame2}`)],
    ] as const) {
      for (const threads of [1, 2]) {
        const { data, error } = await decodeStream(full.subarray(0, cut), threads);
        assert.equal(data.toString(), decodableAt2, `cut at ${cut}, ${threads} threads`);
        assert.ok(error instanceof NnzipError && error.code === ErrorCode.TRUNCATED);
        assert.match(error.message, new RegExp(`^unexpected end of input at byte ${cut}: the stream ends early`));
        assert.match(error.message, where);
        assert.match(error.message, /truncated: no end record/);
      }
      assert.throws(() => decompressSync(full.subarray(0, cut)), (e: NnzipError) => e.code === ErrorCode.TRUNCATED && /ends early/.test(e.message));
    }
  });

  it('nncat and nnzip -dc: the data on stdout, then the message on stderr, exit 1', async (t) => {
    const dir = scratch(t);
    const { full, afterFrame2, decodableAt2 } = await written();
    const f = path.join(dir, 'app.log.nnz');
    fs.writeFileSync(f, full.subarray(0, afterFrame2 + 9));
    const cat = await run(NNCAT, [f]);
    assert.equal(cat.code, 1);
    assert.equal(cat.stdout.toString(), decodableAt2);
    assert.equal(cat.stderr, `nncat: ${f}: unexpected end of input at byte ${afterFrame2 + 9}: the stream ends early, inside the record at byte ${afterFrame2} (truncated: no end record; its writer stopped, or the file was cut)\n`);
    const dc = await nnzip(['-dc'], { input: full.subarray(0, afterFrame2) });
    assert.equal(dc.code, 1);
    assert.equal(dc.stdout.toString(), decodableAt2);
    assert.match(dc.stderr, /^nnzip: stdin: unexpected end of input at byte \d+: the stream ends early, after its last complete frame/);
  });

  it('nnzip -d FILE does as gzip -d with a truncated .gz: error, exit 1, no output file, the input kept', async (t) => {
    const dir = scratch(t);
    const { full, afterFrame2 } = await written();
    const f = path.join(dir, 'app.log.nnz');
    const cut = full.subarray(0, afterFrame2 + 9);
    fs.writeFileSync(f, cut);
    const r = await nnzip(['-d', f]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /app\.log\.nnz: unexpected end of input at byte \d+: the stream ends early/);
    assert.deepEqual(fs.readdirSync(dir), ['app.log.nnz'], 'no app.log, no temporary file');
    assert.ok(fs.readFileSync(f).equals(cut), 'the input is kept as it was');
  });
});
