/**
 * A stream cut short (its writer killed, a copy interrupted): the commands
 * give back every byte of its complete frames, however slowly their reader
 * reads, and then say that it ends early. The decoding failure used to
 * destroy the pipeline as soon as the sink had *taken* the last bytes, and a
 * sink waiting on a slow reader still held them: they were dropped (a flush
 * the pino transport had reported durable came back ~500 lines short).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { createCompressor, createDecompressor } from '../../src/index';
import { decodePipeline, decodingStages } from '../../src/cli/codec';
import { NNCAT, scratch } from './helpers';

/** `frames` flushed frames of 50 short lines each, less the last `cut` bytes; and what the library decodes before its error. */
async function cutStream(frames: number, cut: number): Promise<{ stream: Buffer; before: Buffer }> {
  const c = createCompressor({ level: 1 });
  const parts: Buffer[] = [];
  c.on('data', (b: Buffer) => parts.push(b));
  for (let k = 0; k < frames; k++) {
    let chunk = '';
    for (let i = 0; i < 50; i++) chunk += `line ${k} ${i} value=${(k * 977 + i * 31) % 1000}\n`;
    c.write(chunk);
    await new Promise<void>((resolve) => c.flush(() => resolve()));
  }
  c.end();
  await new Promise((resolve) => c.on('end', resolve));
  const all = Buffer.concat(parts);
  const stream = all.subarray(0, all.length - cut);
  const before = await new Promise<Buffer>((resolve) => {
    const d = createDecompressor();
    const out: Buffer[] = [];
    d.on('data', (b: Buffer) => out.push(b));
    d.on('error', () => resolve(Buffer.concat(out)));
    d.end(stream);
  });
  return { stream, before };
}

describe('a stream cut short gives back all its complete frames, then an error', () => {
  test('the commands\' pipeline: a sink that writes slowly gets every byte before the failure', async () => {
    const { stream, before } = await cutStream(40, 20);
    assert.ok(before.length > 30_000, `${before.length} bytes in complete frames`);
    const got: Buffer[] = [];
    // As the stdout sink: 64 KiB buffered while a write waits for the reader.
    const sink = new Writable({
      highWaterMark: 1 << 16,
      write(chunk: Buffer, _enc, cb) {
        got.push(chunk);
        setTimeout(cb, 2);
      },
    });
    await assert.rejects(decodePipeline([Readable.from([stream]), ...decodingStages('ignore'), sink]), /the stream ends early/);
    assert.ok(Buffer.concat(got).equals(before), `${Buffer.concat(got).length} of ${before.length} bytes`);
  });

  test('nncat with a slow reader: every complete frame, exit 1, "ends early"', async (t) => {
    const dir = scratch(t);
    const { stream, before } = await cutStream(200, 20);
    const f = path.join(dir, 'cut.nnz');
    fs.writeFileSync(f, stream);
    const child = spawn(process.execPath, [NNCAT, f], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Not read for a while (the pipe fills, nncat's output waits), then read a chunk at a time.
    child.stdout.pause();
    setTimeout(() => {
      child.stdout.on('data', (b: Buffer) => {
        out.push(b);
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 1);
      });
      child.stdout.resume();
    }, 300);
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 1, stderr);
    assert.match(stderr, /cut\.nnz: unexpected end of input at byte \d+: the stream ends early/);
    assert.ok(Buffer.concat(out).equals(before), `${Buffer.concat(out).length} of ${before.length} bytes`);
  });
});
