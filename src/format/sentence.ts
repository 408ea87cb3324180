/**
 * What a "sentence" is. Compressor and decompressor must cut the byte stream
 * at exactly the same places (the model trains at each sentence end), so the
 * rule lives here, in the format, and both sides import it.
 *
 * A sentence ends after a line feed (0x0A), or when it reaches
 * MAX_SENTENCE bytes without one: a 1 GB line with no newline is just many
 * sentences, and no buffer ever grows with line length.
 */
export const LINE_FEED = 0x0a;
export const MAX_SENTENCE = 64 * 1024;
