// The ES module entry (package.json "exports" → "import"). It re-exports the
// CommonJS build rather than being a second build: `import` and `require`
// then share one module instance (one NnzipError class, so `instanceof`
// holds across both), and nothing is compiled twice. Node finds the named
// exports of index.js by static analysis; test/package checks that every one
// of them is here. Copied to dist/src/ by `npm run build`.
export * from './index.js';
import nnzip from './index.js';
export default nnzip;
