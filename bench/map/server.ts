/**
 * The harness page and its files: bench/map/harness.ts bundled by esbuild into a temp dir, served with
 * the geo files of public/geo and maplibre's CSS by a bare HTTP server on 127.0.0.1 (a free port).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Sized like a video-wall cell: the map fills the viewport. The marker sizes match the deck layers'
// (sensors: radius 6 px, 1 px outline; cameras: radius 4 px, 2 px ring).
const INDEX_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>CityOps map bench</title>
<link rel="stylesheet" href="/maplibre-gl.css">
<style>
html, body, #map { margin: 0; width: 100%; height: 100%; background: #0a1a2f; }
.bench-sensor { width: 12px; height: 12px; border-radius: 50%; border: 1px solid rgba(10,20,35,0.86); box-sizing: border-box; }
.bench-camera { width: 8px; height: 8px; border-radius: 50%; border: 2px solid rgb(140,150,170); background: rgb(15,25,40); }
.hide-markers .maplibregl-marker { visibility: hidden; }
</style></head>
<body><div id="map"></div>
<script>addEventListener('error', (e) => { window.cityopsBenchError = String(e.message); });</script>
<script type="module" src="/harness.js"></script>
</body></html>`;

export interface HarnessServer {
  url: string;
  /** Bytes of the bundled harness. */
  bundleBytes: number;
  close(): Promise<void>;
}

/** Bundles the harness and starts serving it; `close` stops the server and removes the temp dir. */
export async function startHarnessServer(): Promise<HarnessServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cityops-bench-map-'));
  let server: http.Server | null = null;
  const close = async () => {
    if (server) {
      const s = server;
      server = null;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await build({
      entryPoints: [path.join(ROOT, 'bench/map/harness.ts')],
      outfile: path.join(dir, 'harness.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'chrome120',
      // As the production build: minified, React-free, NODE_ENV=production for the libraries that check it.
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    const bundle = await readFile(path.join(dir, 'harness.js'));
    const css = await readFile(path.join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl.css'));
    const geoDir = path.join(ROOT, 'public/geo');
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, type: string, body: Buffer | string) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', INDEX_HTML);
      if (url.pathname === '/harness.js') return send(200, 'text/javascript', bundle);
      if (url.pathname === '/maplibre-gl.css') return send(200, 'text/css', css);
      if (url.pathname === '/favicon.ico') return send(204, 'text/plain', ''); // keeps a 404 out of the page's console
      const geo = /^\/geo\/([\w.-]+\.geojson)$/.exec(url.pathname)?.[1]; // a bare file name: nothing outside public/geo
      if (geo)
        return void readFile(path.join(geoDir, geo)).then(
          (body) => send(200, 'application/geo+json', body),
          () => send(404, 'text/plain', 'not found'),
        );
      send(404, 'text/plain', 'not found');
    });
    const s = server;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = s.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/`, bundleBytes: bundle.length, close };
  } catch (err) {
    await close();
    throw err;
  }
}
