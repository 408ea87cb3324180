/**
 * The model's learning settings, shared by its parts. They are part of the
 * model's definition: changing any of them changes the output, so it needs
 * a new model id (docs/DESIGN.md, "Adding a model id").
 */
import type { NetworkShape } from './network';

/**
 * How both networks (the bit network, predictor.ts, and the expected-byte
 * network, expect.ts) start and learn: first-layer weights start at 0.3,
 * learning rates 0.02 (first layer) and 0.005 (output), and a neuron skips
 * its step when its error is below 1/128 (see network.ts).
 */
export const LEARNING: Pick<NetworkShape, 'initialWeight' | 'learningRate' | 'outputLearningRate' | 'skip'> = {
  initialWeight: 0.3,
  learningRate: 0.02,
  outputLearningRate: 0.005,
  skip: 1 / 128,
};

/** The constant (bias) input of every neuron: a logit of 1 nat, in 1/256 units. */
export const BIAS = 256;

/** APMs move the nearer point 1/2^7 of the way to each outcome (apm.ts). */
export const APM_RATE_SHIFT = 7;

/** A direct 16-bit probability (adapt16 in counter.ts) moves 1/2^6 of the way to each bit. */
export const P16_RATE_SHIFT = 6;

/** The p16 of an unseen direct probability: 1/2. */
export const P16_HALF = 32768;
