// Whole streams with the kernel on and off at levels 7 and 8 (stream-cases.ts,
// predictor78.ts), on 200 KB of logs each: their JavaScript is 1.6-2.2 times
// level 6's.
import { streamTests } from './stream-cases';

for (const level of [7, 8]) streamTests(level, 200_000);
