// Whole streams with the kernel on and off at level 1 (stream-cases.ts).
import { streamTests } from './stream-cases';

streamTests(1);
