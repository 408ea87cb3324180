/**
 * The compressed files the damage tests break: small (each decode costs a
 * model construction, and every offset is tried) but covering every kind of
 * record: coded and stored frames, many frames, concatenated streams, an
 * empty stream, and low and high levels.
 */
import { compressSync } from '../../src/index';
import { logText, Rng } from './helpers';

export interface DamageSample {
  name: string;
  original: Buffer;
  file: Buffer;
  /** For concatenated streams: [end offset in `file`, original bytes up to there] of each complete stream. */
  boundaries: Array<[number, Buffer]>;
}

function single(name: string, original: Buffer, opts: Parameters<typeof compressSync>[1]): DamageSample {
  const file = compressSync(original, opts);
  return { name, original, file, boundaries: [[file.length, original]] };
}

export function damageCorpus(): DamageSample[] {
  const mixed = Buffer.concat([logText(150, 21), new Rng(22).bytes(70), logText(150, 23)]);
  const a = logText(150, 24);
  const b = logText(120, 25);
  const fa = compressSync(a, { level: 1 });
  const fb = compressSync(b, { level: 5, tableBits: 10 });
  return [
    single('log, level 1, one frame', logText(400, 11), { level: 1 }),
    single('log, level 3, 160-byte frames', logText(500, 12), { level: 3, frameSize: 160, tableBits: 12 }),
    single('random bytes, stored frame', new Rng(13).bytes(100), { level: 1 }),
    single('log+binary mix, coded and stored frames', mixed, { level: 2, frameSize: 120, tableBits: 11 }),
    single('log, level 6', logText(300, 14), { level: 6, tableBits: 12 }),
    single('empty input', Buffer.alloc(0), { level: 1 }),
    {
      name: 'two concatenated streams (levels 1 and 5)',
      original: Buffer.concat([a, b]),
      file: Buffer.concat([fa, fb]),
      boundaries: [
        [fa.length, a],
        [fa.length + fb.length, Buffer.concat([a, b])],
      ],
    },
  ];
}
