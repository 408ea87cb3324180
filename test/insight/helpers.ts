/** Generated logs for the insight tests: a few templates with varying numbers, ids and times, and foreign lines. */
import { Rng } from '../core/helpers';

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN'];
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

function stamp(t: number): string {
  const d = new Date(Date.UTC(2026, 10, 29, 0, 0, 0) + t);
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** One line of the usual traffic at time t. */
function usual(rng: Rng, t: number): string {
  const ts = stamp(t);
  const level = rng.pick(LEVELS);
  switch (rng.int(5)) {
    case 0:
      return `${ts} ${level} http: GET /api/v1/items/${rng.int(100000)} 200 ${rng.int(900) + 3}ms req=${rng.u32().toString(16).padStart(8, '0')}`;
    case 1:
      return `${ts} ${level} db: query ok rows=${rng.int(5000)} took=${(rng.float() * 40).toFixed(2)}ms conn=${rng.int(64)}`;
    case 2:
      return `${ts} ${level} auth: user ${rng.pick(USERS)} logged in from 10.${rng.int(256)}.${rng.int(256)}.${rng.int(256)} session=${rng.u32().toString(16)}${rng.u32().toString(16)}`;
    case 3:
      return `${ts} ${level} cache: hit ratio ${(rng.float() * 100).toFixed(1)}% size=${rng.int(1 << 20)} evicted=${rng.int(300)}`;
    default:
      return `${ts} ${level} worker[${rng.int(16)}]: job ${rng.int(1e6)} done in ${rng.int(10000)}ms queue=${rng.int(50)}`;
  }
}

/** Lines of another log altogether (a kernel log, a Java stack, an access log). */
export const FOREIGN = [
  'kernel: [ 8123.442109] EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0',
  '\tat org.apache.hadoop.hdfs.server.datanode.DataXceiver.run(DataXceiver.java:253) Caused by: java.io.EOFException',
  '192.168.7.21 - - [29/Nov/2026:03:12:45 +0000] "POST /wp-login.php HTTP/1.1" 404 162 "-" "python-requests/2.31.0"',
  'Nov 29 03:12:45 gateway sshd[4412]: Failed password for invalid user oracle from 203.0.113.54 port 50522 ssh2',
  'panic: runtime error: invalid memory address or nil pointer dereference [signal SIGSEGV: segmentation violation]',
];

export interface PlantedLog {
  text: string;
  /** Line numbers (from 1) of the foreign lines. */
  planted: number[];
}

/** `lines` usual lines with the FOREIGN lines at random positions, one of them in the first 5 %. */
export function plantedLog(seed: number, lines: number): PlantedLog {
  const rng = new Rng(seed);
  for (let k = 0; k < 3; k++) rng.u32(); // a small seed's first draws are small
  const at = new Set<number>();
  at.add(Math.floor(lines * 0.02) + rng.int(Math.floor(lines * 0.03)));
  while (at.size < FOREIGN.length) at.add(Math.floor(lines * 0.05) + rng.int(Math.floor(lines * 0.95)));
  const positions = [...at].sort((a, b) => a - b);
  const out: string[] = [];
  const planted: number[] = [];
  let t = 0;
  let f = 0;
  for (let i = 0; i < lines; i++) {
    if (f < positions.length && positions[f] === i) {
      out.push(FOREIGN[f++]);
      planted.push(out.length);
    }
    t += rng.int(2000);
    out.push(usual(rng, t));
  }
  return { text: out.join('\n') + '\n', planted };
}

/** A usual log only. */
export function usualLog(seed: number, lines: number): string {
  const rng = new Rng(seed);
  const out: string[] = [];
  let t = 0;
  for (let i = 0; i < lines; i++) {
    t += rng.int(2000);
    out.push(usual(rng, t));
  }
  return out.join('\n') + '\n';
}

/** A usual log in which every `every`-th line is a long one of a usual kind (a batch report with many ids and counts). */
export function logWithLongLines(seed: number, lines: number, every: number): string {
  const rng = new Rng(seed);
  const out: string[] = [];
  let t = 0;
  for (let i = 0; i < lines; i++) {
    t += rng.int(2000);
    if (i % every === every - 1) {
      const parts: string[] = [];
      const n = 20 + rng.int(40);
      for (let k = 0; k < n; k++) parts.push(`item=${rng.int(1e6)} state=${rng.pick(['ok', 'ok', 'retry'])} took=${rng.int(900)}ms`);
      out.push(`${stamp(t)} INFO batch: flushed ${n} items: ${parts.join(', ')}`);
    } else {
      out.push(usual(rng, t));
    }
  }
  return out.join('\n') + '\n';
}
