// Types of the ES module entry (src/index.mjs): the CommonJS build's, and
// the module object as the default export, as Node gives it.
export * from './index.js';
import * as nnzip from './index.js';
export default nnzip;
