/**
 * The e2e stand-in for cameras' HLS streams: every `/hls/{cameraId}/index.m3u8` is the same 3 s
 * clip of three 1 s H.264 segments (160×90, committed in e2e/fixtures/hls; made once with ffmpeg's
 * test pattern). CORS open, as a camera's or a media server's stream must be for a browser player.
 * Run by playwright.config.ts as a second web server; the simulator's cameras point at it.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const DIR = path.resolve(import.meta.dirname, 'fixtures', 'hls');
const FILES: Record<string, { body: Buffer; type: string }> = {};
for (const name of ['index.m3u8', 'seg0.m2ts', 'seg1.m2ts', 'seg2.m2ts'])
  FILES[name] = {
    body: readFileSync(path.join(DIR, name)),
    type: name.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t',
  };

const port = Number(process.env.HLS_PORT ?? 0);
const server = createServer((req, res) => {
  res.setHeader('access-control-allow-origin', '*');
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/healthz') return void res.end('ok');
  const m = /^\/hls\/[A-Za-z0-9_.-]+\/([a-z0-9.]+)$/.exec(url.pathname);
  const file = m ? FILES[m[1]!] : undefined;
  if (!file) {
    res.statusCode = 404;
    return void res.end();
  }
  res.setHeader('content-type', file.type);
  res.end(file.body);
});
server.listen(port, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`HLS test server on ${typeof a === 'object' && a ? a.port : port}\n`);
});
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.close(() => process.exit(0)));
