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
