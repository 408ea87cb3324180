/**
 * What travels down the stage pipelines besides data. Each signal goes in
 * band, as an object between the records, so that it keeps its place in
 * stream order: a flush point after the bytes written before it, an error
 * after the frames before it, an input chunk done once its records are.
 */
import type { ContainerRecord } from '../format/container';
import type { SentenceBatch } from './sentence-batcher';

/** Compressor: everything before this is to be coded and pushed now (flush()). */
export interface FlushSignal {
  kind: 'flush';
}
export const FLUSH_SIGNAL: FlushSignal = Object.freeze({ kind: 'flush' });

/** Decompressor: the records of an input chunk of `bytes` bytes are all handled. */
export interface ConsumedSignal {
  kind: 'consumed';
  bytes: number;
}

/** Decompressor: the stream fails here, after everything before it. */
export interface FailedSignal {
  kind: 'failed';
  error: Error;
}

/** Decompressor: trailing garbage starting at `offset` was dropped (trailing: 'ignore'). */
export interface IgnoredSignal {
  kind: 'ignored';
  offset: number;
}

/** SentenceSplitter → EncodeStage. */
export type BatchItem = SentenceBatch | FlushSignal;
/** EncodeStage → Framer (a Buffer: records a worker thread serialized). */
export type EncodedItem = ContainerRecord | FlushSignal | Buffer;
/** Deframer → DecodeStage. */
export type RecordItem = ContainerRecord | ConsumedSignal | FailedSignal;
/** DecodeStage → the Decompressor's readable side. */
export type DecodedItem = Buffer | ConsumedSignal | FailedSignal | IgnoredSignal;

export function isFlush(x: unknown): x is FlushSignal {
  return x === FLUSH_SIGNAL;
}
