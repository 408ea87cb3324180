/**
 * The frame codec (and with it the model), required when the first frame is
 * coded: an empty stream, the block rules and the container need neither,
 * and a run that never codes a byte should not pay for loading them.
 */
export function frameCodec(): typeof import('./frame-codec') {
  return require('./frame-codec') as typeof import('./frame-codec');
}
