/**
 * Every failure nnzip reports is an NnzipError with a stable `code`, in the
 * manner of Node's own `ERR_*` codes, so callers can branch on it.
 */
export const ErrorCode = {
  BAD_MAGIC: 'ERR_NNZIP_BAD_MAGIC',
  UNSUPPORTED_VERSION: 'ERR_NNZIP_UNSUPPORTED_VERSION',
  UNSUPPORTED_MODEL: 'ERR_NNZIP_UNSUPPORTED_MODEL',
  BAD_HEADER: 'ERR_NNZIP_BAD_HEADER',
  TRUNCATED: 'ERR_NNZIP_TRUNCATED',
  CORRUPT: 'ERR_NNZIP_CORRUPT',
  CHECKSUM: 'ERR_NNZIP_CHECKSUM',
  INVALID_OPTION: 'ERR_NNZIP_INVALID_OPTION',
  /** Bytes after a complete stream that are neither another stream nor zero padding. */
  TRAILING_GARBAGE: 'ERR_NNZIP_TRAILING_GARBAGE',
  /** An argument of the wrong type (input data that is not bytes or a string, a callback that is not a function). */
  INVALID_ARG_TYPE: 'ERR_NNZIP_INVALID_ARG_TYPE',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class NnzipError extends Error {
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string) {
    super(message);
    this.name = 'NnzipError';
    this.code = code;
  }
}

export function isNnzipError(err: unknown): err is NnzipError {
  return err instanceof NnzipError;
}

/**
 * The code of the error a decompressor raises when its output would exceed
 * `maxOutputLength`. It is deliberately not an NnzipError: node:zlib raises a
 * RangeError with this code in the same case, and callers who handle zlib's
 * limit should handle ours with the same code.
 */
export const BUFFER_TOO_LARGE = 'ERR_BUFFER_TOO_LARGE';

/** A RangeError shaped as node:zlib's (same code, same message prefix), with what was about to exceed the limit. */
export function bufferTooLarge(limit: number, detail: string): RangeError & { code: typeof BUFFER_TOO_LARGE } {
  const err = new RangeError(`Cannot create a Buffer larger than ${limit} bytes: ${detail}`) as RangeError & { code: typeof BUFFER_TOO_LARGE };
  err.code = BUFFER_TOO_LARGE;
  return err;
}
