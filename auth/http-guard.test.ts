import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Logger } from '../contracts/logger';
import { guardRequest, type GuardOptions } from './http-guard';

/** A logger that keeps what it is given, so a test can read the lines back. */
class RecordingLogger implements Logger {
  readonly lines: { level: string; obj: Record<string, unknown>; msg: string | undefined }[] = [];
  private record(level: string) {
    return (a: object | string, msg?: string) => {
      if (typeof a === 'string') this.lines.push({ level, obj: {}, msg: a });
      else this.lines.push({ level, obj: a as Record<string, unknown>, msg });
    };
  }
  fatal = this.record('fatal');
  error = this.record('error');
  warn = this.record('warn');
  info = this.record('info');
  debug = this.record('debug');
  trace = this.record('trace');
  child(): Logger {
    return this;
  }
}

/** A database that does not answer: the session lookup fails as pg's does when the server is down. */
const downAuth: GuardOptions['auth'] = {
  fromCookie: () =>
    Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
  secure: () => false,
};

const log = new RecordingLogger();
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    guardRequest(req, res, { auth: downAuth, log }).then(
      (pass) => {
        if (pass) res.end('through');
      },
      (err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('the 503 of a database that does not answer is logged once, with its request id and no personal data', async () => {
  log.lines.length = 0;
  const res = await fetch(`${base}/api/audit?actor=nguyen.van.a`, {
    headers: {
      cookie: 'cityops_session=sealed-secret-value',
      'user-agent': 'Mozilla/5.0 (Nguyen Van A)',
      'x-forwarded-for': '203.0.113.7',
    },
  });
  assert.equal(res.status, 503);
  const requestId = res.headers.get('x-request-id');
  assert.ok(requestId);
  const body = (await res.json()) as { code: string; requestId?: string };
  assert.equal(body.code, 'unavailable');
  assert.equal(body.requestId, requestId, 'the body names the id the log line carries');

  assert.equal(log.lines.length, 1, 'one line per failed request');
  const [line] = log.lines;
  assert.equal(line!.level, 'error');
  assert.equal(line!.obj.requestId, requestId);
  assert.equal(line!.obj.path, '/api/audit');
  assert.deepEqual(line!.obj.err, {
    type: 'Error',
    code: 'ECONNREFUSED',
    message: 'connect ECONNREFUSED 127.0.0.1:5432',
  });
  const text = JSON.stringify(line);
  for (const personal of ['sealed-secret-value', 'cityops_session', 'nguyen', 'Mozilla', '203.0.113.7', 'actor']) {
    assert.ok(!text.includes(personal), `the log line carries no ${personal}`);
  }
});

test('a public asset is passed without reading the session, so nothing is logged', async () => {
  log.lines.length = 0;
  const res = await fetch(`${base}/_next/static/chunk.js`);
  assert.equal(await res.text(), 'through');
  assert.equal(log.lines.length, 0);
});
