import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { fetchPage } from './fetch-page';

let server: Server;
let base: string;
const never = new AbortController().signal;

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 2000).unref();
    if (req.url === '/big-declared') return void res.end('x'.repeat(300_000));
    if (req.url === '/big') {
      // Chunked, no length announced: the limit must hold while reading.
      for (let i = 0; i < 30; i++) res.write('x'.repeat(10_000));
      return void res.end();
    }
    if (req.url === '/busy') return void res.writeHead(503, { 'retry-after': '7' }).end('maintenance');
    res.end('{"items":[]}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const get = (p: string, o: Partial<Parameters<typeof fetchPage>[1]> = {}) =>
  fetchPage(new URL(p, base), { headers: {}, timeoutMs: 1000, maxBytes: 100_000, stop: never, ...o });

test('a page within the limits', async () => {
  const r = await get('/');
  assert.ok(r.ok && Buffer.from(r.bytes).toString() === '{"items":[]}');
});

test('a source that does not answer in time is a timeout, not a hang', async () => {
  const r = await get('/slow', { timeoutMs: 100 });
  assert.deepEqual(r.ok ? 'ok' : r.kind, 'timeout');
});

test('a body over the limit is cut off and kept in part for the dead-letter row', async () => {
  const r = await get('/big');
  assert.ok(!r.ok && r.kind === 'too_large');
  assert.equal(r.partial?.byteLength, 64 * 1024);
  const declared = await get('/big-declared');
  assert.ok(
    !declared.ok && declared.kind === 'too_large' && /300000 bytes > maxResponseBytes 100000/.test(declared.error),
    'refused from its Content-Length, unread',
  );
});

test('an HTTP error names its status and body, and passes Retry-After on', async () => {
  const r = await get('/busy');
  assert.ok(!r.ok);
  assert.equal(r.kind, 'http');
  assert.equal(r.error, 'HTTP 503 Service Unavailable: maintenance');
  assert.equal(r.retryAfterMs, 7000);
});

test('a refused connection is a network failure; a stop ends a request at once', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  const refused = await fetchPage(new URL(`http://127.0.0.1:${port}/`), {
    headers: {},
    timeoutMs: 1000,
    maxBytes: 1000,
    stop: never,
  });
  assert.ok(!refused.ok && refused.kind === 'network' && /ECONNREFUSED/.test(refused.error), JSON.stringify(refused));
  const stopper = new AbortController();
  const pending = get('/slow', { stop: stopper.signal, timeoutMs: 5000 });
  setTimeout(() => stopper.abort(), 50);
  const r = await pending;
  assert.ok(!r.ok && r.kind === 'stopped');
});
