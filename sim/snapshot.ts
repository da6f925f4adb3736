/**
 * Snapshots for simulated camera events: a small schematic picture (a drawing, not a photo) of the
 * road and what happened, as a PNG data: URI — so the console's event feed shows a snapshot for
 * the events officers act on. Only accidents, fires and floods carry one (real cameras send far more,
 * but a 2-day history of every red light with a picture would be megabytes of nothing).
 */
import { deflateSync } from 'node:zlib';

const W = 160;
const H = 90;
type Rgb = readonly [number, number, number];

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** An 8-bit RGB PNG of `rgb` (width × height × 3 bytes, rows top to bottom). */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1); // filter 0: none
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, not interlaced
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function scene(type: 'accident' | 'fire' | 'flooding'): Uint8Array {
  const px = new Uint8Array(W * H * 3);
  const rect = (x0: number, y0: number, w: number, h: number, c: Rgb) => {
    for (let y = Math.max(0, y0); y < Math.min(H, y0 + h); y++)
      for (let x = Math.max(0, x0); x < Math.min(W, x0 + w); x++) px.set(c, (y * W + x) * 3);
  };
  rect(0, 0, W, H, [92, 110, 88]); // verge
  rect(0, 30, W, 60, [58, 62, 68]); // road
  for (let x = 4; x < W; x += 26) rect(x, 58, 14, 2, [235, 235, 235]); // lane marks
  if (type === 'accident') {
    rect(52, 44, 34, 16, [192, 57, 43]);
    rect(60, 40, 18, 6, [40, 48, 60]);
    rect(82, 52, 30, 14, [41, 98, 168]);
    rect(88, 49, 16, 5, [40, 48, 60]);
    rect(78, 50, 8, 6, [250, 220, 80]); // the impact
  } else if (type === 'fire') {
    rect(60, 38, 40, 22, [90, 90, 96]);
    rect(64, 26, 32, 14, [240, 140, 30]);
    rect(70, 16, 20, 12, [250, 200, 60]);
    rect(58, 4, 44, 12, [70, 70, 74]); // smoke
  } else {
    rect(0, 46, W, 44, [64, 120, 170]); // water over the road
    rect(40, 40, 30, 14, [200, 200, 205]);
    for (let x = 8; x < W; x += 22) rect(x, 62, 10, 1, [150, 190, 225]); // ripples
  }
  return px;
}

const cache = new Map<string, string>();

/** The snapshot a simulated event of this type carries, or undefined when it carries none. */
export function schematicSnapshot(type: string): string | undefined {
  if (type !== 'accident' && type !== 'fire' && type !== 'flooding') return undefined;
  let uri = cache.get(type);
  if (!uri) cache.set(type, (uri = `data:image/png;base64,${encodePng(W, H, scene(type)).toString('base64')}`));
  return uri;
}
