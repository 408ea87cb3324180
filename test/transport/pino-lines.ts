/**
 * The log lines the pino tests and measurements write: a function of the
 * line's number only, so the test knows every byte the child logged.
 * 'short' (about 60 bytes, quick to code, for the test) and 'web' (request logs with
 * pino's usual fields, about 230 bytes, for the measurements).
 */
import pino from 'pino';
import { Rng } from '../core/helpers';

export type LineKind = 'short' | 'web';

const PATHS = ['/api/items', '/api/users', '/api/orders', '/health', '/api/search', '/static/app.js'];
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
/** A fixed clock, so the lines are the same in the child and in the test. */
const EPOCH = 1764460800000;

/** pino's options for these lines: no pid or host name, a time that is a function of the line. */
export function loggerOptions(kind: LineKind): pino.LoggerOptions {
  let t = EPOCH;
  return kind === 'short'
    ? { base: null, timestamp: false }
    : { base: { pid: 4242, hostname: 'web-1' }, timestamp: () => `,"time":${(t += 7)}` };
}

/** Logs line `i` (each line's content depends on i alone). */
export function logLine(log: pino.Logger, kind: LineKind, i: number): void {
  const r = new Rng(i * 2654435761 + 1);
  if (kind === 'short') {
    log.info({ i }, 'request %d served in %d ms', i, r.int(300));
  } else if (r.int(20) === 0) {
    log.warn({ i, user: `u${r.int(5000)}`, retry: r.int(4) }, 'upstream slow, retrying');
  } else {
    const url = `${PATHS[r.int(PATHS.length)]}/${r.int(100000)}`;
    const req = { id: `req-${(1000000 + i).toString(36)}`, method: METHODS[r.int(6)], url, remoteAddress: `10.0.${r.int(256)}.${r.int(256)}` };
    log.info({ i, req, res: { statusCode: r.int(50) === 0 ? 500 : r.int(10) === 0 ? 404 : 200 }, responseTime: r.int(300) }, 'request completed');
  }
}

/** The bytes pino writes for lines 0 .. n-1. */
export function expectedLog(kind: LineKind, n: number): Buffer {
  const parts: string[] = [];
  const log = pino(loggerOptions(kind), { write: (s: string) => parts.push(s) });
  for (let i = 0; i < n; i++) logLine(log, kind, i);
  return Buffer.from(parts.join(''));
}
