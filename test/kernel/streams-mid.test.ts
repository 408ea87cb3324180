// Whole streams with the kernel on and off at levels 2-5 (stream-cases.ts,
// predictor-mid.ts), on 100 KB of logs each: four levels in one file, kept
// short.
import { streamTests } from './stream-cases';

for (const level of [2, 3, 4, 5]) streamTests(level, 100_000);
