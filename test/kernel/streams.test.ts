// Whole streams with the kernel on and off at level 6 (stream-cases.ts).
import { streamTests } from './stream-cases';

streamTests(6);
