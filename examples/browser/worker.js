// Decodes one .nnz file off the page's thread: reads it in pieces, reports
// progress, and hands back the verified bytes as a Blob (or the error).
// The decoder is the build's ES module bundle (npm run build).
import { StreamDecoder } from '../../dist/browser/nnzip-decoder.mjs';

// Small pieces, so that progress moves and a message gets through between them.
const PIECE = 64 * 1024;
// The SHA-256 needs all bytes in one buffer: not for huge outputs.
const MAX_HASHED = 256 * 1024 * 1024;

self.onmessage = async (event) => {
  const { file } = event.data;
  const started = performance.now();
  const decoder = new StreamDecoder();
  const parts = [];
  let lastReport = 0;
  const report = (force) => {
    const now = performance.now();
    if (!force && now - lastReport < 100) return;
    lastReport = now;
    self.postMessage({ type: 'progress', input: decoder.input, total: file.size, output: decoder.output });
  };
  try {
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; at += PIECE) {
        decoder.push(value.subarray(at, at + PIECE), (bytes) => parts.push(bytes));
        report(false);
      }
    }
    decoder.end();
    report(true);
    const seconds = (performance.now() - started) / 1000;
    const blob = new Blob(parts, { type: 'application/octet-stream' });
    let sha256 = null;
    if (blob.size <= MAX_HASHED) {
      const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
      sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    }
    self.postMessage({ type: 'done', blob, size: blob.size, inputSize: file.size, seconds, sha256 });
  } catch (err) {
    // Nothing decoded is handed out: a damaged file gives an error, never part of a result.
    self.postMessage({ type: 'error', code: err?.code ?? null, message: String(err?.message ?? err) });
  }
};
