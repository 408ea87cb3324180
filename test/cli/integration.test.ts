/**
 * nnzip among other programs: GNU tar -I, logrotate, find -exec, pipes that
 * close early, a terminal (through script(1)), and signals.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENV, hasCommand, logText, NNZIP, nnzip, noise, pack, run, scratch, sh, temps, write } from './helpers';

const TEXT = logText(2500, 3);

/** Runs `cmd` under script(1) so that it sees a terminal on stdin, stdout and stderr. */
function underTty(cmd: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  // -e: script exits with the command's status; the transcript goes to a file we read back.
  const log = path.join(cwd, 'typescript.out');
  return run('script', ['-qec', cmd, log], { cwd, env }).then((r) => ({ ...r, transcript: fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '' }));
}

describe('GNU tar -I nnzip', { concurrency: 2 }, () => {
  const skip = hasCommand('tar') ? false : 'tar is not installed';

  test('create, list and extract a tree', { skip }, async (t) => {
    const dir = scratch(t);
    write(dir, 'src/a.log', TEXT);
    write(dir, 'src/sub/b.txt', 'hello\n');
    fs.symlinkSync('a.log', path.join(dir, 'src/link'));
    let r = await sh('tar -I nnzip -cf tree.tar.nnz src', { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const head = fs.readFileSync(path.join(dir, 'tree.tar.nnz')).subarray(0, 4);
    assert.deepEqual(head, Buffer.from([0x89, 0x4e, 0x4e, 0x5a]));
    r = await sh('tar -I nnzip -tf tree.tar.nnz', { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.toString().trim().split('\n').sort(), ['src/', 'src/a.log', 'src/link', 'src/sub/', 'src/sub/b.txt']);
    fs.mkdirSync(path.join(dir, 'out'));
    r = await sh('tar --use-compress-program=nnzip -xf tree.tar.nnz -C out', { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'out/src/a.log')), TEXT);
    assert.equal(fs.readFileSync(path.join(dir, 'out/src/sub/b.txt'), 'utf8'), 'hello\n');
    assert.equal(fs.readlinkSync(path.join(dir, 'out/src/link')), 'a.log');
  });

  test("options in -I ('nnzip -1'), and a damaged archive fails tar", { skip }, async (t) => {
    const dir = scratch(t);
    write(dir, 'f', TEXT);
    let r = await sh("tar -I 'nnzip -1' -cf f.tar.nnz f", { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'f.tar.nnz'))[6], 1, 'level 1 in the header');
    const b = fs.readFileSync(path.join(dir, 'f.tar.nnz'));
    fs.writeFileSync(path.join(dir, 'cut.tar.nnz'), b.subarray(0, b.length - 10));
    r = await sh('tar -I nnzip -xOf cut.tar.nnz > /dev/null', { cwd: dir });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /nnzip: stdin: unexpected end of input/);
  });
});

describe('logrotate with compresscmd nnzip', () => {
  const skip = hasCommand('logrotate') ? false : 'logrotate is not installed (.ci/run installs it)';

  test('rotates and compresses with -9 into .nnz, twice', { skip }, async (t) => {
    const dir = scratch(t);
    const log = write(dir, 'app.log', TEXT);
    const conf = write(
      dir,
      'logrotate.conf',
      `${log} {
    rotate 3
    compress
    compresscmd ${NNZIP}
    uncompresscmd ${path.join(path.dirname(NNZIP), 'nnunzip')}
    compressoptions -9
    compressext .nnz
    missingok
}
`,
    );
    fs.chmodSync(conf, 0o644);
    const state = path.join(dir, 'state');
    let r = await run('logrotate', ['-f', '-s', state, conf], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const first = path.join(dir, 'app.log.1.nnz');
    assert.ok(fs.existsSync(first), fs.readdirSync(dir).join(' '));
    assert.equal(fs.readFileSync(first)[6], 9, 'compressoptions -9 reached nnzip');
    assert.deepEqual((await nnzip(['-dc', first])).stdout, TEXT);

    const second = logText(2000, 4);
    fs.writeFileSync(log, second);
    r = await run('logrotate', ['-f', '-s', state, conf], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((await nnzip(['-dc', path.join(dir, 'app.log.2.nnz')])).stdout, TEXT);
    assert.deepEqual((await nnzip(['-dc', path.join(dir, 'app.log.1.nnz')])).stdout, second);
    assert.deepEqual(temps(dir), []);
  });
});

test('find ... -exec nnzip {} + and back with nnunzip', async (t) => {
  const dir = scratch(t);
  const names = ['a.log', 'b.log', 'sub/c.log', 'sub/keep.txt'];
  for (const [i, n] of names.entries()) write(dir, n, logText(1500, 10 + i));
  let r = await sh(`find . -name '*.log' -exec nnzip -1 {} +`, { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  for (const n of names.slice(0, 3)) assert.ok(fs.existsSync(path.join(dir, n + '.nnz')) && !fs.existsSync(path.join(dir, n)), n);
  assert.ok(fs.existsSync(path.join(dir, 'sub/keep.txt')));
  r = await sh(`find . -name '*.nnz' -exec nnunzip {} +`, { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  for (const [i, n] of names.entries()) assert.deepEqual(fs.readFileSync(path.join(dir, n)), logText(1500, 10 + i));
});

describe('a reader that stops early (EPIPE)', { concurrency: 2 }, () => {
  // gzip dies of SIGPIPE there: the shell shows 141 and pipefail sees a failure. So does nnzip.
  test('nnzip -dc big.nnz | head -c 10 ends quietly, killed by SIGPIPE (141)', async (t) => {
    const dir = scratch(t);
    // Decoded output well beyond a pipe's 64 KiB buffer, so writes hit the closed pipe;
    // as 100 concatenated streams it is written in small pieces and stops early.
    const part = logText(4000, 100);
    const big = Buffer.concat(Array(100).fill(part));
    write(dir, 'big.nnz', Buffer.concat(Array(100).fill(pack(part))));
    const r = await run('bash', ['-c', 'nnzip -dc big.nnz 2>err | head -c 10; echo " status=${PIPESTATUS[0]}"'], { cwd: dir });
    assert.equal(r.stdout.toString(), big.subarray(0, 10).toString() + ' status=141\n');
    assert.equal(fs.readFileSync(path.join(dir, 'err'), 'utf8'), '');
  });

  test('compressing: nnzip -c f | head is 141 as well, and fails under pipefail', async (t) => {
    const dir = scratch(t);
    // Noise is stored, not coded: 400 KB of output come out fast and overflow the pipe.
    write(dir, 'noise', noise(400_000));
    const r = await run('bash', ['-c', 'set -o pipefail; nnzip -1c noise 2>err | head -c 4 > /dev/null; echo "status=$?"; ls'], { cwd: dir });
    assert.equal(r.stdout.toString(), 'status=141\nerr\nnoise\n', 'no temporary left, input kept');
    assert.equal(fs.readFileSync(path.join(dir, 'err'), 'utf8'), '');
  });

  test("with SIGPIPE ignored by the caller (trap '' PIPE): 'stdout: Broken pipe', exit 1, as gzip", async (t) => {
    const dir = scratch(t);
    write(dir, 'noise', noise(400_000));
    const r = await run('bash', ['-c', "trap '' PIPE; nnzip -1c noise 2>err | head -c 4 > /dev/null; echo \"${PIPESTATUS[0]}\""], { cwd: dir });
    assert.equal(r.stdout.toString(), '1\n');
    assert.equal(fs.readFileSync(path.join(dir, 'err'), 'utf8'), 'nnzip: stdout: Broken pipe\n');
  });

  test('nncat -f (plain pass-through) | head, and nnzip -l | true', async (t) => {
    const dir = scratch(t);
    write(dir, 'plain', Buffer.alloc(1 << 20, 'x'));
    write(dir, 'a.nnz', pack('a'));
    const r = await run('bash', ['-c', 'nncat -f plain plain 2>err | head -c 3; echo " ${PIPESTATUS[0]}"; nnzip -l a.nnz a.nnz 2>>err | true; echo "${PIPESTATUS[0]}"'], { cwd: dir });
    assert.equal(r.stdout.toString(), 'xxx 141\n141\n');
    assert.equal(fs.readFileSync(path.join(dir, 'err'), 'utf8'), '');
  });
});

describe('on a terminal', { concurrency: 2 }, () => {
  const skip = hasCommand('script') ? false : 'script(1) is not installed';

  test('refuses to write compressed data to a terminal or read it from one, unless -f', { skip }, async (t) => {
    const dir = scratch(t);
    write(dir, 'f', TEXT);
    let r = await underTty(`nnzip -1 < f`, dir);
    assert.equal(r.code, 1);
    assert.match(r.transcript, /nnzip: compressed data not written to a terminal\. Use -f to force compression\./);
    r = await underTty(`nnzip -1c f`, dir);
    assert.equal(r.code, 1);
    r = await underTty(`nnzip -d`, dir);
    assert.equal(r.code, 1);
    assert.match(r.transcript, /compressed data not read from a terminal/);
    r = await underTty(`nnzip -1cf f > /dev/null`, dir);
    assert.equal(r.code, 0);
    // Decompressed data may go to a terminal.
    fs.writeFileSync(path.join(dir, 'f.nnz'), pack('hello tty\n'));
    r = await underTty(`nnzip -dc f.nnz`, dir);
    assert.equal(r.code, 0);
    assert.match(r.transcript, /hello tty/);
  });

  test('a progress bar on a terminal stderr for a large input; none under -q or off a terminal', { skip }, async (t) => {
    const dir = scratch(t);
    write(dir, 'f', TEXT);
    // The threshold is lowered so a small input counts as large.
    const env = { NNZIP_PROGRESS_MIN_BYTES: '1000' };
    let r = await underTty(`nnzip -1k f`, dir, env);
    assert.equal(r.code, 0);
    assert.match(r.transcript, /f \[[#-]+\]\s+\d+% [\d.]+ (B|KiB)\/2\.44 KiB \| ([\d.]+|-) bits\/B \| [\d.]+ (B|KiB|MiB)\/s/);
    // Decompressing to a file: the total is the uncompressed size, read from the frame headers.
    fs.rmSync(path.join(dir, 'f'));
    r = await underTty(`nnzip -dk f.nnz`, dir, env);
    assert.equal(r.code, 0);
    assert.match(r.transcript, /f\.nnz \[[#-]+\]\s+\d+% [\d.]+ (B|KiB)\/2\.44 KiB \| /);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'f')), TEXT);
    fs.rmSync(path.join(dir, 'f.nnz'));
    r = await underTty(`nnzip -1kq f`, dir, env);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.transcript, /bits\/B/);
    fs.rmSync(path.join(dir, 'f.nnz'));
    r = await underTty(`nnzip -1k f`, dir);
    assert.doesNotMatch(r.transcript, /bits\/B/, 'a small input has no bar by default');
    const plain = await nnzip(['-1c', path.join(dir, 'f')], { env });
    assert.equal(plain.stderr, '', 'stderr not a terminal: no bar');
  });

  test('no bar when the output is standard output (a pipe or a file), as zstd; --progress forces one, --no-progress none', { skip }, async (t) => {
    const dir = scratch(t);
    write(dir, 'f', TEXT);
    write(dir, 'f.nnz', pack(TEXT));
    const env = { NNZIP_PROGRESS_MIN_BYTES: '1000' };
    // `nncat f.nnz | less`, `| grep | head`, `tar -I nnzip -xvf`: the bar would land among the data on the terminal.
    for (const cmd of ['nnzip -dc f.nnz | cat > g', 'nncat f.nnz > g', 'nnzip -1c f | cat > h.nnz', 'nnzip -1 < f > h.nnz']) {
      const r = await underTty(cmd, dir, env);
      assert.equal(r.code, 0, cmd);
      assert.doesNotMatch(r.transcript, /\x1b|\r|bits\/B/, cmd);
    }
    assert.deepEqual(fs.readFileSync(path.join(dir, 'g')), TEXT);
    let r = await underTty('nnzip -dc --progress f.nnz | cat > g', dir, env);
    assert.match(r.transcript, /bits\/B/, '--progress forces it');
    r = await underTty('nnzip -1k --no-progress f', dir, env);
    assert.doesNotMatch(r.transcript, /bits\/B/);
    // Forced, a bar is drawn even where stderr is not a terminal (and for small inputs).
    const p = await nnzip(['-1c', '--progress', path.join(dir, 'f')]);
    assert.equal(p.code, 0);
    assert.match(p.stderr, /bits\/B/);
  });
});

describe('signals', () => {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    test(`${sig} while compressing removes the temporary file and keeps the input`, async (t) => {
      const dir = scratch(t);
      // Long enough to be still running when the signal arrives (seconds at level 9).
      const data = Buffer.concat(Array.from({ length: 40 }, (_, i) => logText(10000, 200 + i)));
      const f = write(dir, 'big.log', data);
      const child = spawn(NNZIP, ['-9', f], { env: ENV, stdio: 'ignore' });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      // Wait for the temporary file: then the signal handlers are surely installed.
      for (let i = 0; i < 3000 && temps(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(temps(dir).length, 1, 'temporary file seen');
      child.kill(sig);
      const { code, signal } = await exited;
      assert.equal(signal, sig, `died of ${sig} (code ${code})`);
      assert.deepEqual(fs.readdirSync(dir), ['big.log']);
      assert.deepEqual(fs.readFileSync(f), data);
    });
  }
});
