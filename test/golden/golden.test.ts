/**
 * Golden vectors (see make-golden.ts): every committed .nnz must decode to
 * its original, and every original must still compress to exactly the
 * committed bytes. A failure here means the model or the format changed:
 * either bump FORMAT_VERSION (old streams are no longer readable) or, for a
 * deliberate change before a release, regenerate with
 * `npm run build && npm run golden` and commit the new vectors.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressSync, decompress, decompressSync, FORMAT_VERSION } from '../../src/index';
import { LEGACY_MODEL_ID, MODEL2_ID, MODEL_ID, presetFor } from '../../src/model/presets';
import { resolveCompressOptions, CompressOptions } from '../../src/options';
import { Encoder } from '../../src/coder/encoder';
import { ContainerRecord, serializeRecord } from '../../src/format/container';
import { SentenceBatcher } from '../../src/stream/sentence-batcher';
import { GOLDEN_DIR, GoldenVector, readManifest, sha256 } from './make-golden';
import { splitStream } from '../core/crafted';

const REGENERATE = 'regenerate deliberately with `npm run build && npm run golden`, or bump FORMAT_VERSION';

const manifest = readManifest();

/** compressSync, but writing the given (frozen) model id: a released model must still encode as it did. */
function compressWithModel(data: Buffer, options: CompressOptions, modelId: number): Buffer {
  const { params, frameSize } = resolveCompressOptions(options);
  // The options give model 3's default table size; another model's level may have a smaller one (model 3's level 9: 2^21).
  const tableBits = options.tableBits === undefined ? Math.min(params.tableBits, presetFor(params.level, undefined, modelId).tableBits) : params.tableBits;
  const encoder = new Encoder({ ...params, tableBits, modelId });
  const out: Buffer[] = [];
  const put = (r: ContainerRecord) => out.push(...serializeRecord(r));
  put(encoder.header());
  const batcher = new SentenceBatcher(frameSize);
  const onBatch = (b: { data: Buffer }) => put(encoder.frameOf(b.data));
  batcher.push(data, onBatch);
  batcher.end(onBatch);
  put(encoder.end());
  return Buffer.concat(out);
}

describe('golden vectors', () => {
  it('the manifest is for this format version and covers the cases it should', () => {
    assert.equal(manifest.formatVersion, FORMAT_VERSION, `vectors are for format ${manifest.formatVersion}: ${REGENERATE}`);
    const v = manifest.vectors;
    assert.ok(v.length >= 6);
    assert.ok(v.some((x) => x.originalSize === 0), 'an empty input');
    assert.ok(v.some((x) => x.frameTypes.length > 1), 'a multi-frame stream');
    assert.ok(v.some((x) => x.frameTypes.includes(2)), 'a stored frame');
    assert.ok(v.some((x) => x.options.level === 1) && v.some((x) => x.options.level === 9), 'levels 1 and 9');
    const modelOf = (x: { compressed: string }) => readFileSync(join(GOLDEN_DIR, x.compressed))[5];
    assert.ok(v.every((x) => modelOf(x) === MODEL_ID), `vectors are written by model ${MODEL_ID}`);
    const versionOf = (x: { compressed: string }) => readFileSync(join(GOLDEN_DIR, x.compressed))[4];
    assert.ok(v.every((x) => versionOf(x) === FORMAT_VERSION), `vectors are written in format ${FORMAT_VERSION}`);
    const model1 = manifest.legacy.filter((x) => modelOf(x) === LEGACY_MODEL_ID && versionOf(x) === 1);
    const format1 = manifest.legacy.filter((x) => modelOf(x) === MODEL2_ID && versionOf(x) === 1);
    const model2 = manifest.legacy.filter((x) => modelOf(x) === MODEL2_ID && versionOf(x) === 2);
    assert.ok(model1.length >= 6, `legacy vectors of model ${LEGACY_MODEL_ID} (nnzip 0.1.0)`);
    assert.ok(format1.length >= 6, `legacy vectors of model ${MODEL2_ID} in format 1`);
    assert.ok(model2.length >= 6, `legacy vectors of model ${MODEL2_ID} in format 2 (nnzip 0.2.0)`);
    assert.ok(model2.every((x) => x.compressed.startsWith('model2/')));
    assert.equal(model1.length + format1.length + model2.length, manifest.legacy.length);
  });

  /** Checks the files against the manifest and that the stream decodes to its original; returns both. */
  async function checkDecodes(v: GoldenVector): Promise<{ original: Buffer; compressed: Buffer }> {
    const original = readFileSync(join(GOLDEN_DIR, v.original));
    const compressed = readFileSync(join(GOLDEN_DIR, v.compressed));
    assert.equal(sha256(original), v.originalSha256, `${v.original} is not the file the manifest describes`);
    assert.equal(sha256(compressed), v.compressedSha256, `${v.compressed} is not the file the manifest describes`);
    assert.ok(decompressSync(compressed).equals(original), `${v.compressed} no longer decodes to ${v.original}`);
    assert.ok((await decompress(compressed)).equals(original));
    return { original, compressed };
  }

  for (const v of manifest.legacy) {
    it(`${v.name}: ${v.description} still decodes`, async () => {
      await checkDecodes(v);
    });
  }

  // Format 2 changed only what a frame's check covers: the payloads, and so
  // the model and the coding routine, are the same bytes as format 1's.
  for (const old of manifest.legacy.filter((x) => x.compressed.startsWith('format1/'))) {
    it(`${old.name}: format 2 differs from it only in the version byte and the checks`, () => {
      const original = readFileSync(join(GOLDEN_DIR, old.original));
      const v1 = splitStream(readFileSync(join(GOLDEN_DIR, old.compressed)));
      const v2 = splitStream(compressWithModel(original, old.options, MODEL2_ID));
      assert.equal(v1.header[4], 1);
      assert.equal(v2.header[4], 2);
      assert.ok(v1.header.subarray(5, 8).equals(v2.header.subarray(5, 8)), 'model, level, table size');
      assert.equal(v2.frames.length, v1.frames.length);
      v1.frames.forEach((f, i) => {
        assert.ok(f.subarray(0, 9).equals(v2.frames[i].subarray(0, 9)), `frame ${i + 1}: type and lengths`);
        assert.ok(f.subarray(13).equals(v2.frames[i].subarray(13)), `frame ${i + 1}: payload`);
      });
      assert.ok(v1.end.equals(v2.end), 'end record');
    });
  }

  // Model 2 (nnzip 0.2.0) is frozen: asked for, it still writes the same bytes.
  for (const old of manifest.legacy.filter((x) => x.compressed.startsWith('model2/'))) {
    it(`${old.name}: model 2 still encodes to the committed bytes`, () => {
      const original = readFileSync(join(GOLDEN_DIR, old.original));
      const again = compressWithModel(original, old.options, MODEL2_ID);
      assert.ok(again.equals(readFileSync(join(GOLDEN_DIR, old.compressed))), `${old.compressed}: model 2's output changed`);
    });
  }

  for (const v of manifest.vectors) {
    it(`${v.name}: ${v.description}`, async () => {
      const { original, compressed } = await checkDecodes(v);

      // And the encoder is unchanged, byte for byte.
      const again = compressSync(original, v.options);
      if (!again.equals(compressed)) {
        let at = 0;
        while (at < again.length && again[at] === compressed[at]) at++;
        assert.fail(
          `${v.name}: compressing ${v.original} with ${JSON.stringify(v.options)} now gives ${again.length} bytes ` +
            `(committed: ${compressed.length}), first difference at byte ${at}. The model or format changed: ${REGENERATE}.`,
        );
      }
    });
  }
});

// Released formats are forever (CHANGELOG.md, docs/FORMAT.md §10): every
// release's "Writes format F, model M" must still have golden vectors here,
// and the newest entry says what this build writes.
describe('releases', () => {
  const changelog = readFileSync(join(GOLDEN_DIR, '../../CHANGELOG.md'), 'utf8');
  const entries = [...changelog.matchAll(/^## (\S+)[^\n]*\n+Writes \*\*format (\d+), model (\d+)\*\*/gm)].map((m) => ({
    version: m[1],
    format: Number(m[2]),
    model: Number(m[3]),
  }));
  const pkg = JSON.parse(readFileSync(join(GOLDEN_DIR, '../../package.json'), 'utf8')) as { version: string };

  it('the newest CHANGELOG entry is this package version (or Unreleased) and names what this build writes', () => {
    assert.ok(entries.length > 0, 'CHANGELOG.md has entries with a "Writes **format F, model M**" line');
    assert.ok(entries[0].version === pkg.version || entries[0].version === 'Unreleased', `newest entry ${entries[0].version}, package ${pkg.version}`);
    assert.equal(entries[0].format, FORMAT_VERSION);
    assert.equal(entries[0].model, MODEL_ID);
  });

  it('every released format and model still has golden vectors that decode', () => {
    const all = [...manifest.vectors, ...manifest.legacy].map((v) => readFileSync(join(GOLDEN_DIR, v.compressed)));
    for (const e of entries.filter((x) => x.version !== 'Unreleased')) {
      assert.ok(all.some((c) => c[4] === e.format && c[5] === e.model), `nnzip ${e.version} wrote format ${e.format}, model ${e.model}: no golden vector of it`);
    }
  });
});
