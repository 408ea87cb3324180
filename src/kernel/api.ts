// What src/coder/kernel.ts drives: one model (any level of model 3) with
// its range coders, coding a span of a frame per call. Each level's model has
// a global of its own and its own compiled loops (code-span.ts codeNext is
// generic over the model): the level is chosen once per span. JavaScript copies the
// bytes in and out of `span` (frame bytes from the span's start on) and
// the payload into `payload`.
import { codeNext, KnownBits } from './code-span';
import { Predictor } from './predictor';
import { Predictor1 } from './predictor1';
import { Predictor9 } from './predictor9';
import { PredictorMid } from './predictor-mid';
import { Predictor78 } from './predictor78';
import { RangeDecoder, RangeEncoder } from './range-coder';

/** The model of level 6, or null. */
let model: Predictor | null = null;
/** The model of level 1, or null. */
let model1: Predictor1 | null = null;
/** The model of level 9, or null. */
let model9: Predictor9 | null = null;
/** The model of level 2, 3, 4 or 5, or null. */
let modelMid: PredictorMid | null = null;
/** The model of level 7 or 8, or null. */
let model78: Predictor78 | null = null;
const known = new KnownBits();
let encoder: RangeEncoder | null = null;
let decoder: RangeDecoder | null = null;
let span: usize = 0;
let spanCapacity: i32 = 0;
let payload: usize = 0;
let payloadCapacity: i32 = 0;

/** Room for n bytes (a bigger block when needed: the stub heap never frees, so at least twice the old size). */
function room(at: usize, capacity: i32, n: i32): usize {
  return n <= capacity ? at : heap.alloc(<usize>max(n, capacity * 2));
}

/** Makes the instance's model of model 3's `level` (once, after init()). */
export function modelNew(level: i32): void {
  if (level == 1) model1 = new Predictor1();
  else if (level == 9) model9 = new Predictor9();
  else if (level == 6) model = new Predictor();
  else if (level == 7 || level == 8) model78 = new Predictor78(level);
  else modelMid = new PredictorMid(level);
}

/** Where JavaScript puts (or finds) a span's bytes: room for n. */
export function spanBuffer(n: i32): usize {
  const at = room(span, spanCapacity, n);
  if (at != span) {
    span = at;
    spanCapacity = max(n, spanCapacity * 2);
  }
  return span;
}

/** Where JavaScript puts a frame's payload before decodeStart(n): room for n. */
export function payloadBuffer(n: i32): usize {
  const at = room(payload, payloadCapacity, n);
  if (at != payload) {
    payload = at;
    payloadCapacity = max(n, payloadCapacity * 2);
  }
  return payload;
}

/**
 * Learns the known bytes at `span` (`left` of them to the frame's end):
 * decisions until at least n bytes are covered; returns how many were.
 */
export function learnSpan(n: i32, left: i32): i32 {
  const m1 = model1;
  if (m1 !== null) return learnWith<Predictor1>(m1, n, left);
  const m9 = model9;
  if (m9 !== null) return learnWith<Predictor9>(m9, n, left);
  const mm = modelMid;
  if (mm !== null) return learnWith<PredictorMid>(mm, n, left);
  const m78 = model78;
  if (m78 !== null) return learnWith<Predictor78>(m78, n, left);
  return learnWith<Predictor>(model!, n, left);
}

function learnWith<M>(m: M, n: i32, left: i32): i32 {
  let i = 0;
  while (i < n) i += codeNext<M, KnownBits>(m, known, span + <usize>i, left - i, false);
  return i;
}

/** Starts a frame's code. */
export function encodeStart(): void {
  if (encoder === null) encoder = new RangeEncoder();
  encoder!.reset();
}

/** Codes the bytes at `span` as learnSpan learns them; returns how many were covered. */
export function encodeSpan(n: i32, left: i32): i32 {
  const m1 = model1;
  if (m1 !== null) return encodeWith<Predictor1>(m1, n, left);
  const m9 = model9;
  if (m9 !== null) return encodeWith<Predictor9>(m9, n, left);
  const mm = modelMid;
  if (mm !== null) return encodeWith<PredictorMid>(mm, n, left);
  const m78 = model78;
  if (m78 !== null) return encodeWith<Predictor78>(m78, n, left);
  return encodeWith<Predictor>(model!, n, left);
}

function encodeWith<M>(m: M, n: i32, left: i32): i32 {
  const e = encoder!;
  let i = 0;
  while (i < n) i += codeNext<M, RangeEncoder>(m, e, span + <usize>i, left - i, false);
  return i;
}

/** Ends the frame's code; returns its length (the bytes are at encodedBytes()). */
export function encodeFinish(): i32 {
  return encoder!.finish();
}

export function encodedBytes(): usize {
  return encoder!.buffer;
}

/** Starts decoding the n bytes of payload at payloadBuffer(). */
export function decodeStart(n: i32): void {
  if (decoder === null) decoder = new RangeDecoder();
  decoder!.reset(payload, n);
}

/**
 * Decodes into `span` until at least n bytes are covered; returns how many
 * were, or -1 - k when the decision at byte k read too far past the payload
 * (range-coder.ts throws there: corrupt).
 */
export function decodeSpan(n: i32, left: i32): i32 {
  const m1 = model1;
  if (m1 !== null) return decodeWith<Predictor1>(m1, n, left);
  const m9 = model9;
  if (m9 !== null) return decodeWith<Predictor9>(m9, n, left);
  const mm = modelMid;
  if (mm !== null) return decodeWith<PredictorMid>(mm, n, left);
  const m78 = model78;
  if (m78 !== null) return decodeWith<Predictor78>(m78, n, left);
  return decodeWith<Predictor>(model!, n, left);
}

function decodeWith<M>(m: M, n: i32, left: i32): i32 {
  const d = decoder!;
  let i = 0;
  while (i < n) {
    const covered = codeNext<M, RangeDecoder>(m, d, span + <usize>i, left - i, true);
    if (d.corrupt) return -1 - i;
    i += covered;
  }
  return i;
}

/**
 * Zeroes every 4 KiB page of the memory that holds a value: src/coder/kernel.ts
 * calls it on a retired model's instance before handing its memory to a new
 * one. A page never written is only read (the shared zero page), so it stays
 * out of the resident set; reading 8 bytes at a time here is ~5 times faster
 * than a scan in JavaScript (level 9's memory is ~250 MiB).
 */
export function clearMemory(): void {
  const end = <usize>memory.size() << 16;
  for (let page: usize = 0; page < end; page += 4096) {
    let any: u64 = 0;
    for (let p = page; p < page + 4096; p += 64) {
      any |= load<u64>(p) | load<u64>(p, 8) | load<u64>(p, 16) | load<u64>(p, 24) | load<u64>(p, 32) | load<u64>(p, 40) | load<u64>(p, 48) | load<u64>(p, 56);
    }
    if (any != 0) memory.fill(page, 0, 4096);
  }
}
