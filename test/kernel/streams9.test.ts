// Whole streams with the kernel on and off at level 9 (stream-cases.ts), on
// 130 KB of logs: level 9's JavaScript is slow (~0.2 MB/s).
import { streamTests } from './stream-cases';

streamTests(9, 130_000);
