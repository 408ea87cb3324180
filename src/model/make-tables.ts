/**
 * Run by `npm run build`: computes the logistic tables by the series and
 * writes them next to logistic.js (see TABLES_FILE there), so that start-up
 * reads them instead of recomputing them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTables, LOGIT_LIMIT, P_ONE, TABLES_FILE, tablesFileBytes } from './logistic';

const squash = new Int32Array(2 * LOGIT_LIMIT + 1);
const stretch = new Int16Array(P_ONE);
buildTables(squash, stretch); // by the series, whatever the module loaded
writeFileSync(join(__dirname, TABLES_FILE), tablesFileBytes(squash, stretch));
