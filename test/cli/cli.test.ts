/**
 * The nnzip binaries in child processes: every flag, file handling,
 * refusals, exit codes and failure cleanup. Inputs are a few KB at level 1.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { logText, NNCAT, nnzip, NNUNZIP, noise, pack, ROOT, run, scratch, sh, temps, write } from './helpers';

const TEXT = logText(2500);
const TEXT2 = logText(1200, 2);

describe('compress and decompress files in place', { concurrency: 4 }, () => {
  test('FILE becomes FILE.nnz with mode and mtime kept; -d restores it', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'app.log', TEXT);
    fs.chmodSync(f, 0o640);
    const mtime = new Date('2020-02-03T04:05:06Z');
    fs.utimesSync(f, mtime, mtime);
    let r = await nnzip(['-1', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.length, 0);
    assert.equal(fs.existsSync(f), false, 'input removed');
    const st = fs.statSync(f + '.nnz');
    assert.equal(st.mode & 0o777, 0o640);
    assert.equal(st.mtime.getTime(), mtime.getTime());
    assert.ok(st.size < TEXT.length / 2, `compressed to ${st.size}`);
    assert.deepEqual(temps(dir), []);

    r = await nnzip(['-d', f + '.nnz']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(f), TEXT);
    assert.equal(fs.existsSync(f + '.nnz'), false);
    assert.equal(fs.statSync(f).mode & 0o777, 0o640);
    assert.equal(fs.statSync(f).mtime.getTime(), mtime.getTime());
  });

  test('-k / --keep keeps the input; --decompress and nnunzip decompress', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'a.txt', TEXT);
    assert.equal((await nnzip(['--keep', '--fast', f])).code, 0);
    assert.deepEqual(fs.readFileSync(f), TEXT);
    fs.rmSync(f);
    assert.equal((await nnzip(['--decompress', '-k', f + '.nnz'])).code, 0);
    assert.deepEqual(fs.readFileSync(f), TEXT);
    assert.ok(fs.existsSync(f + '.nnz'));
    fs.rmSync(f);
    const r = await run(NNUNZIP, [f + '.nnz']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(f), TEXT);
    assert.equal(fs.existsSync(f + '.nnz'), false);
  });

  test('several files in one call, and a missing one among them: exit 1, the others done', async (t) => {
    const dir = scratch(t);
    const a = write(dir, 'a', TEXT);
    const b = write(dir, 'b', TEXT2);
    const r = await nnzip(['-1', a, path.join(dir, 'missing'), b]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^nnzip: .*missing: No such file or directory$/m);
    assert.ok(fs.existsSync(a + '.nnz') && fs.existsSync(b + '.nnz'));
    const d = await nnzip(['-d', a + '.nnz', b + '.nnz']);
    assert.equal(d.code, 0, d.stderr);
    assert.deepEqual(fs.readFileSync(a), TEXT);
    assert.deepEqual(fs.readFileSync(b), TEXT2);
  });

  test('-d NAME finds NAME.nnz, as gzip does', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'x', TEXT2);
    await nnzip(['-1', f]);
    const r = await nnzip(['-d', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(f), TEXT2);
  });

  test('-S SUF, -SSUF and --suffix=SUF in both directions', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'a', TEXT2);
    assert.equal((await nnzip(['-1', '-S', '.z9', f])).code, 0);
    assert.ok(fs.existsSync(f + '.z9'));
    assert.equal((await nnzip(['-dS.z9', f + '.z9'])).code, 0);
    assert.deepEqual(fs.readFileSync(f), TEXT2);
    assert.equal((await nnzip(['-1', '--suffix=_c', f])).code, 0);
    assert.ok(fs.existsSync(f + '_c'));
    const r = await nnzip(['-d', f + '_c']);
    assert.equal(r.code, 2, 'not our suffix without -S');
    assert.equal((await nnzip(['-d', '--suffix', '_c', f + '_c'])).code, 0);
    const e = await nnzip(['-S', '', f]);
    assert.equal(e.code, 1);
    assert.match(e.stderr, /invalid suffix/);
  });

  test('empty files round-trip', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'empty', '');
    assert.equal((await nnzip([f])).code, 0);
    assert.equal((await nnzip(['-d', f + '.nnz'])).code, 0);
    assert.equal(fs.readFileSync(f).length, 0);
  });

  test('-r compresses and decompresses a tree, skipping files that are not its business', async (t) => {
    const dir = scratch(t);
    write(dir, 'tree/a.log', TEXT2);
    write(dir, 'tree/sub/b.log', TEXT2);
    write(dir, 'tree/sub/c.log.nnz', 'already');
    const r = await nnzip(['-r1', path.join(dir, 'tree')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'tree/a.log.nnz')));
    assert.ok(fs.existsSync(path.join(dir, 'tree/sub/b.log.nnz')));
    assert.equal(fs.readFileSync(path.join(dir, 'tree/sub/c.log.nnz'), 'utf8'), 'already');
    fs.rmSync(path.join(dir, 'tree/sub/c.log.nnz'));
    const d = await nnzip(['-dr', path.join(dir, 'tree')]);
    assert.equal(d.code, 0, d.stderr);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'tree/sub/b.log')), TEXT2);
  });
});

describe('standard input and output', { concurrency: 4 }, () => {
  test('no FILE: stdin to stdout, both ways; "-" means the same', async () => {
    const c = await nnzip(['-1'], { input: TEXT });
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(c.stdout.subarray(0, 4), Buffer.from([0x89, 0x4e, 0x4e, 0x5a]));
    const d = await nnzip(['-d', '-'], { input: c.stdout });
    assert.equal(d.code, 0, d.stderr);
    assert.deepEqual(d.stdout, TEXT);
  });

  test('-c / --stdout on files keeps them and concatenates streams; nncat reads them back', async (t) => {
    const dir = scratch(t);
    const a = write(dir, 'a', TEXT);
    const b = write(dir, 'b', TEXT2);
    const c = await nnzip(['-1c', a, b]);
    assert.equal(c.code, 0, c.stderr);
    assert.ok(fs.existsSync(a) && fs.existsSync(b) && !fs.existsSync(a + '.nnz'));
    fs.writeFileSync(path.join(dir, 'ab.nnz'), c.stdout);
    const d = await run(NNCAT, [path.join(dir, 'ab.nnz')]);
    assert.equal(d.code, 0, d.stderr);
    assert.deepEqual(d.stdout, Buffer.concat([TEXT, TEXT2]));
    assert.ok(fs.existsSync(path.join(dir, 'ab.nnz')), 'nncat keeps its input');
    const e = await nnzip(['-dc', path.join(dir, 'ab.nnz'), path.join(dir, 'ab.nnz')]);
    assert.deepEqual(e.stdout, Buffer.concat([TEXT, TEXT2, TEXT, TEXT2]));
  });

  test('-dc works on any name; -d - reads stdin; --to-stdout is -c', async (t) => {
    const dir = scratch(t);
    const packed = (await nnzip(['-1', '--to-stdout'], { input: TEXT2 })).stdout;
    const f = write(dir, 'no-suffix', packed);
    const d = await nnzip(['-dc', f]);
    assert.equal(d.code, 0, d.stderr);
    assert.deepEqual(d.stdout, TEXT2);
    assert.ok(fs.existsSync(f));
  });

  test('-dcf and nncat -f pass data that is not nnzip through unchanged', async (t) => {
    const dir = scratch(t);
    const plain = write(dir, 'plain.txt', 'just text\n');
    const tiny = write(dir, 'tiny', 'ab');
    const packed = write(dir, 'p.nnz', pack(TEXT2));
    const r = await nnzip(['-dcf', plain, packed, tiny]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.toString(), 'just text\n' + TEXT2.toString() + 'ab');
    const s = await run(NNCAT, ['-f', plain]);
    assert.equal(s.stdout.toString(), 'just text\n');
    const n = await run(NNCAT, [plain]);
    assert.equal(n.code, 1, 'without -f it is an error');
    assert.match(n.stderr, /plain\.txt: not in nnzip format/);
  });

  test('-1..-9, --fast and --best pick the level written in the header', async () => {
    const small = TEXT2.subarray(0, 500);
    for (const [flag, level] of [['-9c', 9], ['--best', 9], ['-3', 3], ['--fast', 1], [null, 6]] as const) {
      const c = await nnzip(flag === null ? [] : [flag], { input: small });
      assert.equal(c.code, 0, c.stderr);
      assert.equal(c.stdout[6], level, `${flag} writes level ${level}`);
      if (level === 9) assert.deepEqual((await nnzip(['-d'], { input: c.stdout })).stdout, small);
    }
  });
});

describe('refusals, warnings and exit codes', { concurrency: 4 }, () => {
  test('an existing output is not overwritten without -f (exit 2); -f / --force overwrites', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'a', TEXT2);
    write(dir, 'a.nnz', 'precious');
    let r = await nnzip(['-1', f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^nnzip: .*a\.nnz already exists; not overwritten$/m);
    assert.equal(fs.readFileSync(f + '.nnz', 'utf8'), 'precious');
    assert.ok(fs.existsSync(f), 'input untouched');
    r = await nnzip(['-1', '--force', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.existsSync(f), false);
    write(dir, 'a', 'also precious');
    r = await nnzip(['-d', f + '.nnz']);
    assert.equal(r.code, 2);
    assert.equal(fs.readFileSync(f, 'utf8'), 'also precious');
    r = await nnzip(['-df', f + '.nnz']);
    assert.equal(r.code, 0);
    assert.deepEqual(fs.readFileSync(f), TEXT2);
  });

  test('a file that already has the suffix (any case) is skipped with a note but exit 0, as gzip 1.12; -f compresses it', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'x.nnz', TEXT2);
    const g = write(dir, 'y.NNZ', TEXT2);
    let r = await nnzip(['-1', f, g]);
    assert.equal(r.code, 0, 'set -e; nnzip * must survive a .nnz among the files');
    assert.match(r.stderr, /x\.nnz already has \.nnz suffix -- unchanged/);
    assert.match(r.stderr, /y\.NNZ already has \.NNZ suffix -- unchanged/);
    assert.deepEqual(fs.readFileSync(f), TEXT2);
    r = await nnzip(['-1q', f]);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    r = await nnzip(['-1f', f]);
    assert.equal(r.code, 0);
    assert.ok(fs.existsSync(f + '.nnz'));
  });

  test('the suffix is recognised in any case when decompressing (NAME.NNZ -> NAME), as gzip does for .GZ', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'UP.NNZ', pack(TEXT2));
    let r = await nnzip(['-d', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(dir), ['UP']);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'UP')), TEXT2);
    write(dir, 'mixed.Nnz', pack(TEXT2));
    r = await nnzip(['-dr', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'mixed')));
  });

  test('decompressing a file without the suffix is refused (exit 2)', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'data', TEXT2);
    const r = await nnzip(['-d', f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /data: unknown suffix -- ignored/);
    assert.deepEqual(fs.readFileSync(f), TEXT2);
  });

  test('-q / --quiet silences warnings, not the exit status; errors still print', async (t) => {
    const dir = scratch(t);
    fs.mkdirSync(path.join(dir, 'sub'));
    let r = await nnzip(['-q', path.join(dir, 'sub')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, '');
    r = await nnzip(['--quiet', path.join(dir, 'nope')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nope: No such file/);
  });

  test('an error outranks a warning in the exit status', async (t) => {
    const dir = scratch(t);
    fs.mkdirSync(path.join(dir, 'sub'));
    const r = await nnzip([path.join(dir, 'sub'), path.join(dir, 'nope')]);
    assert.equal(r.code, 1);
  });

  test('directories, symbolic links and hard links are skipped with a warning', async (t) => {
    const dir = scratch(t);
    fs.mkdirSync(path.join(dir, 'd'));
    const f = write(dir, 'f', TEXT2);
    fs.symlinkSync('f', path.join(dir, 'link'));
    let r = await nnzip([path.join(dir, 'd')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /d is a directory -- ignored/);
    r = await nnzip([path.join(dir, 'link')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /link is a symbolic link -- ignored/);
    assert.ok(fs.lstatSync(path.join(dir, 'link')).isSymbolicLink());
    r = await nnzip(['-1c', path.join(dir, 'link')]);
    assert.equal(r.code, 0, 'with -c a link is simply read through');
    assert.deepEqual((await nnzip(['-d'], { input: r.stdout })).stdout, TEXT2);
    fs.linkSync(f, path.join(dir, 'hard'));
    r = await nnzip(['-1', f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /f has 1 other link -- unchanged/);
    r = await nnzip(['-1c', f]);
    assert.equal(r.code, 0, '-c does not care about links');
    // -f follows the link: the link is replaced by link.nnz, the target stays.
    r = await nnzip(['-1f', path.join(dir, 'link')]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'link.nnz')));
    assert.deepEqual(fs.readFileSync(f), TEXT2);
  });

  test('usage errors exit 1 and point at --help', async () => {
    for (const args of [['-x'], ['--nope'], ['-S']]) {
      const r = await nnzip(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /Try `nnzip --help' for more information/);
    }
  });

  test('-h / --help and -V / --version / -L print to stdout and exit 0', async () => {
    const h = await nnzip(['-h']);
    assert.equal(h.code, 0);
    assert.match(h.stdout.toString(), /^Usage: nnzip \[OPTION\]\.\.\. \[FILE\]\.\.\./);
    for (const flag of ['-c', '-d', '-k', '-f', '-t', '-l', '-v', '-q', '-S', '-r', '--fast', '--best']) {
      assert.ok(h.stdout.toString().includes(flag), `help mentions ${flag}`);
    }
    assert.equal((await nnzip(['--help'])).stdout.toString(), h.stdout.toString());
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const v = await nnzip(['-V']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.toString(), `nnzip ${pkg.version}\n`);
    assert.equal((await nnzip(['--version'])).stdout.toString(), `nnzip ${pkg.version}\n`);
    assert.match((await nnzip(['-L'])).stdout.toString(), /MIT/);
    assert.match((await run(NNCAT, ['-V'])).stdout.toString(), /^nncat \(nnzip\) /);
  });

  test('-v / --verbose reports the ratio and what replaced what', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'v.log', TEXT);
    const r = await nnzip(['-1v', f]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /v\.log:\s+\d+\.\d% \(\d\.\d{3} bits\/byte\) -- replaced with .*v\.log\.nnz\n/);
    const k = await nnzip(['--verbose', '-dk', f + '.nnz']);
    assert.match(k.stderr, /v\.log\.nnz:\s+\d+\.\d% .* -- created .*v\.log\n/);
  });
});

describe('-t and -l', { concurrency: 4 }, () => {
  test('-t / --test checks integrity without writing or removing anything', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'ok.nnz', pack(TEXT));
    let r = await nnzip(['-t', f]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.length + r.stderr.length, 0);
    r = await nnzip(['--test', '-v', f]);
    assert.match(r.stderr, /ok\.nnz:\s+OK/);
    const bad = Buffer.from(fs.readFileSync(f));
    bad[40] ^= 0x10;
    const g = write(dir, 'bad.nnz', bad);
    r = await nnzip(['-t', g, f]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^nnzip: .*bad\.nnz: .+/m);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['bad.nnz', 'ok.nnz']);
    r = await nnzip(['-t'], { input: fs.readFileSync(f) });
    assert.equal(r.code, 0);
  });

  test("-l / --list prints gzip's four columns, without decoding; -lv adds streams, frames, bits per byte, level", async (t) => {
    const dir = scratch(t);
    const [a, b] = [TEXT, TEXT2];
    write(dir, 'a.nnz', pack(a, 1));
    write(dir, 'b.nnz', pack(b, 3));
    const sa = fs.statSync(path.join(dir, 'a.nnz')).size;
    const sb = fs.statSync(path.join(dir, 'b.nnz')).size;
    const r = await nnzip(['-l', path.join(dir, 'a.nnz'), path.join(dir, 'b.nnz')]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.toString().trimEnd().split('\n');
    // Byte for byte gzip's header and spacing (gzip -l prints the same for a .gz).
    assert.equal(lines[0], '         compressed        uncompressed  ratio uncompressed_name');
    const ratio = `${(100 * (1 - sa / a.length)).toFixed(1)}%`;
    assert.equal(lines[1], `${String(sa).padStart(19)} ${String(a.length).padStart(19)} ${ratio.padStart(6)} ${path.join(dir, 'a')}`);
    const row = (l: string) => l.trim().split(/\s+/);
    assert.deepEqual(row(lines[2]), [String(sb), String(b.length), `${(100 * (1 - sb / b.length)).toFixed(1)}%`, path.join(dir, 'b')]);
    assert.deepEqual(row(lines[3]).slice(0, 2), [String(sa + sb), String(a.length + b.length)]);
    assert.equal(row(lines[3]).at(-1), '(totals)');
    // Verbose puts nnzip's columns first; stdin works too.
    const v = await nnzip(['-lv'], { input: Buffer.concat([fs.readFileSync(path.join(dir, 'a.nnz')), fs.readFileSync(path.join(dir, 'b.nnz'))]) });
    assert.equal(v.code, 0, v.stderr);
    const vl = v.stdout.toString().split('\n');
    assert.match(vl[0], /^\s*streams\s+frames\s+bits\/B\s+level\s+compressed\s+uncompressed\s+ratio\s+uncompressed_name$/);
    const vr = row(vl[1]);
    assert.deepEqual(vr.slice(0, 2), ['2', '2']);
    assert.equal(vr[2], (((sa + sb) * 8) / (a.length + b.length)).toFixed(3));
    assert.deepEqual(vr.slice(3, 6), ['1,3', String(sa + sb), String(a.length + b.length)]);
    // .NNZ is recognised in any case: the name shown loses it.
    write(dir, 'C.NNZ', pack(b, 1));
    assert.equal(row((await nnzip(['-l', path.join(dir, 'C.NNZ')])).stdout.toString().split('\n')[1]).at(-1), path.join(dir, 'C'));
    // Damage is reported, not listed.
    fs.writeFileSync(path.join(dir, 'cut.nnz'), fs.readFileSync(path.join(dir, 'a.nnz')).subarray(0, sa - 20));
    const c = await nnzip(['-l', path.join(dir, 'cut.nnz')]);
    assert.equal(c.code, 1);
    assert.match(c.stderr, /cut\.nnz: unexpected end of input/);
  });
  test('-l on streams of several blocks: read from the index on a file, walked on stdin, the same figures', async (t) => {
    const dir = scratch(t);
    // The golden multi-block vector (format 3: block records, index, type-5 end).
    const blocks = fs.readFileSync(path.join(ROOT, 'test', 'golden', 'runs-blocks.nnz'));
    const other = pack(TEXT, 1);
    // Blocks stream, a plain stream, zero padding: the reader goes backwards stream by stream.
    const file = write(dir, 'x.nnz', Buffer.concat([other, blocks, Buffer.alloc(512)]));
    const fromFile = await nnzip(['-lv', file]);
    const fromPipe = await nnzip(['-lv'], { input: fs.readFileSync(file) });
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.equal(fromPipe.code, 0, fromPipe.stderr);
    const cols = (r: { stdout: Buffer }) => r.stdout.toString().split('\n')[1].trim().split(/\s+/).slice(0, 6);
    const [streams, , , levels, compressed, uncompressed] = cols(fromPipe);
    assert.deepEqual([streams, levels, compressed, uncompressed], ['2', '1,6', String(other.length + blocks.length + 512), String(TEXT.length + 78787)]);
    assert.deepEqual(cols(fromFile), cols(fromPipe));
  });
});

describe('failures leave the input alone and no partial output behind', { concurrency: 4 }, () => {
  test('a corrupt second stream: output of the first is not left behind', async (t) => {
    const dir = scratch(t);
    const good = pack(TEXT);
    const bad = Buffer.from(pack(TEXT2));
    bad[30] ^= 0x55;
    const f = write(dir, 'two.nnz', Buffer.concat([good, bad]));
    const r = await nnzip(['-d', f]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^nnzip: .*two\.nnz: /m);
    assert.deepEqual(fs.readdirSync(dir), ['two.nnz'], 'no output, no temporary file');
    assert.deepEqual(fs.readFileSync(f), Buffer.concat([good, bad]));
  });

  test('a truncated file, and a file that is not nnzip', async (t) => {
    const dir = scratch(t);
    const packed = pack(TEXT);
    const f = write(dir, 'cut.nnz', packed.subarray(0, packed.length - 5));
    const g = write(dir, 'junk.nnz', 'this is not compressed');
    const r = await nnzip(['-d', f, g]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cut\.nnz: unexpected end of input/);
    assert.match(r.stderr, /junk\.nnz: not in nnzip format/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['cut.nnz', 'junk.nnz']);
  });

  test('a write failure in the middle (file size limit): no .nnz, no temporary, input kept', async (t) => {
    const dir = scratch(t);
    const data = noise(40000);
    const f = write(dir, 'big', data);
    // A file-size limit makes the write fail part way (EFBIG; SIGXFSZ is caught).
    const s = await sh(`ulimit -f 8 && exec nnzip -1 '${f}'`);
    assert.equal(s.code, 1, s.stderr);
    assert.match(s.stderr, /big\.nnz: File too large/);
    assert.deepEqual(fs.readdirSync(dir), ['big']);
    assert.deepEqual(fs.readFileSync(f), data);
  });

  test('failure at the final rename (a directory in the way, with -f): temporary removed', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'a', TEXT2);
    fs.mkdirSync(path.join(dir, 'a.nnz'));
    const r = await nnzip(['-1f', f]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /a\.nnz: .*directory/i);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a', 'a.nnz']);
    assert.deepEqual(fs.readFileSync(f), TEXT2);
  });

  test('standard output that cannot be written (/dev/full): exit 1, input kept', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'a', TEXT2);
    const r = await sh(`exec nnzip -1c '${f}' > /dev/full`);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No space left on device/);
    assert.deepEqual(fs.readdirSync(dir), ['a']);
  });
});
