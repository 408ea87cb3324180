/** Where the browser tests find things. */
import * as path from 'node:path';

/** The repository, from dist/test/browser. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The decoder's browser bundle, made by `npm run build`. */
export const BUNDLE = path.join(ROOT, 'dist', 'browser', 'nnzip-decoder.mjs');
export const GOLDEN = path.join(ROOT, 'test', 'golden');
