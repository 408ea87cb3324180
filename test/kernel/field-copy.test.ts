// The FieldCopy context: the kernel's field copy against field-copy.ts, over log lines that repeat fields, prose, long lines and random bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { FieldCopy } from '../../src/model/field-copy';

type Fn = (...args: number[]) => number;

/** Log lines whose node name or tag comes twice (sometimes not), many-field lines, lines over 4096 bytes, prose and random bytes. */
function stream(seed: number): Uint8Array {
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
  const chunks: Uint8Array[] = [];
  const parts: string[] = [];
  const flush = () => {
    chunks.push(Buffer.from(parts.join(''), 'latin1'));
    parts.length = 0;
  };
  const nodes = ['R02-M1-N0-C:J12-U11', 'R17-M0-NA-I:J18-U01', 'sshd', 'kernel', 'cron', 'ab', 'node-7'];
  const words = ['session', 'opened', 'for', 'user', 'root', 'RAS', 'KERNEL', 'INFO', 'ok', 'x'];
  for (let line = 0; line < 6000; line++) {
    const kind = rand() % 25;
    const sep = rand() % 8 === 0 ? '\t' : ' ';
    if (kind === 0) {
      flush();
      const bytes = new Uint8Array(rand() % 300);
      for (let i = 0; i < bytes.length; i++) bytes[i] = rand() & 255;
      chunks.push(bytes);
    } else if (kind === 1) {
      // Many fields (more than 64), some equal.
      const n = 50 + (rand() % 40);
      for (let i = 0; i < n; i++) parts.push(rand() % 4 === 0 ? 'abcd' : String(rand() % 100000), rand() % 5 === 0 ? '\t' : ' ');
      parts.push('\n');
    } else if (kind === 2 && rand() % 20 === 0) {
      // A line over 4096 bytes, with fields.
      const n = 4000 + (rand() % 3000);
      for (let i = 0; i < n; i++) parts.push(rand() % 50 === 0 ? ' ' : String.fromCharCode(97 + (rand() % 26)));
      parts.push('\n');
    } else if (kind === 3) {
      const n = 4 + (rand() % 15);
      for (let i = 0; i < n; i++) parts.push(words[rand() % words.length], ' ');
      parts.push('.\n');
    } else {
      const node = nodes[rand() % nodes.length];
      const copy = rand() % 5 === 0 ? nodes[rand() % nodes.length] : node;
      parts.push(`${1117838570 + line}`, sep, `2005.06.${String(1 + (rand() % 28)).padStart(2, '0')}`, sep, node, sep);
      parts.push(`2005-06-03-15.42.${rand() % 60}.${rand() % 1000000}`, sep, copy, sep);
      const n = rand() % 6;
      for (let i = 0; i < n; i++) parts.push(words[rand() % words.length], rand() % 9 === 0 ? '  ' : sep);
      if (rand() % 3 === 0) parts.push(`${node}[${rand() % 1000}]:`, sep);
      parts.push(rand() % 4 === 0 ? copy : words[rand() % words.length], rand() % 15 === 0 ? '' : '\n');
    }
  }
  flush();
  return Buffer.concat(chunks);
}

test('kernel: a field copy hashes the FieldCopy context as field-copy.ts', () => {
  const k = newKernel();
  const [create, push, hash] = ['hookFieldCopyNew', 'hookFieldCopyPush', 'hookFieldCopyHash'].map((name) => k[name] as Fn);
  create();
  const js = new FieldCopy();
  const data = stream(7);
  const none = hash();
  let copying = 0;
  for (let i = 0; i < data.length; i++) {
    const expected = js.hash();
    const got = hash();
    if (got !== expected) assert.fail(`byte ${i}: ${got} vs ${expected}`);
    if (expected !== none) copying++;
    js.push(data[i]);
    push(data[i]);
  }
  assert.ok(data.length > 100000 && copying > 10000, `${data.length} bytes, ${copying} copying`);
});
