/**
 * Worker-thread side of the concurrency test: compresses and decompresses
 * its input with the stream and sync APIs and posts the bytes back, so the
 * main thread can compare them with its own one-at-a-time results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compressSync, createCompressor, createDecompressor, decompressSync, CompressOptions } from '../../src/index';
import { chunk, runStream } from './helpers';

interface Job {
  data: Uint8Array;
  options: CompressOptions;
}

async function main(): Promise<void> {
  const { data, options } = workerData as Job;
  const input = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const streamed = await runStream(createCompressor(options), chunk(input, [1000, 1, 7000]));
  if (streamed.error) throw streamed.error;
  const sync = compressSync(input, options);
  const back = await runStream(createDecompressor(), chunk(sync, [333]));
  if (back.error) throw back.error;
  parentPort!.postMessage({
    streamed: streamed.output,
    sync,
    decompressed: back.output,
    decompressedSync: decompressSync(streamed.output),
  });
}

main().catch((err) => {
  // Rethrown outside the promise so the worker's 'error' event carries it.
  setImmediate(() => {
    throw err;
  });
});
