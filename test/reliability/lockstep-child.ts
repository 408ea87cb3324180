/**
 * Child-process side of the lockstep test, run under other V8 flags and
 * thread-pool sizes:  node lockstep-child.js <compress|decompress> <api> <in> <out> [options JSON]
 * where api is "sync" or "stream". Exits non-zero (with the error on stderr) on failure.
 */
import fs from 'node:fs';
import { compressSync, createCompressor, createDecompressor, decompressSync } from '../../src/index';
import { chunk, runStream } from './helpers';

async function main(): Promise<void> {
  const [mode, api, inPath, outPath, json] = process.argv.slice(2);
  const input = fs.readFileSync(inPath);
  const options = json ? JSON.parse(json) : undefined;
  let out: Buffer;
  if (api === 'sync') {
    out = mode === 'compress' ? compressSync(input, options) : decompressSync(input);
  } else {
    const stream = mode === 'compress' ? createCompressor(options) : createDecompressor();
    const r = await runStream(stream, chunk(input, [4093, 1, 17]));
    if (r.error) throw r.error;
    out = r.output;
  }
  fs.writeFileSync(outPath, out);
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
