// src/model/settings.ts's constants (the kernel's level 6 of model 3 uses these).
export const INITIAL_WEIGHT: f64 = 0.3;
export const LEARNING_RATE: f64 = 0.02;
export const OUTPUT_LEARNING_RATE: f64 = 0.005;
export const SKIP: f64 = 1.0 / 128;
export const BIAS: f64 = 256;
export const APM_RATE_SHIFT: i32 = 7;
export const P16_RATE_SHIFT: i32 = 6;
export const P16_HALF: i32 = 32768;
