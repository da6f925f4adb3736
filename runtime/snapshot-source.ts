/**
 * What a stored camera snapshot is to a browser. Cameras send a URL or a data: URI (≤ 256 KiB,
 * contracts/mqtt); the console serves the bytes of a data: URI itself (so the feed never carries
 * them) and redirects to a URL. Raster images only: an SVG served from our origin could run script,
 * and a `javascript:` "URL" is no image.
 */
export type SnapshotSource = { kind: 'bytes'; contentType: string; bytes: Buffer } | { kind: 'redirect'; url: string };

const DATA_URI = /^data:(image\/(?:jpeg|png|webp|gif));base64,([A-Za-z0-9+/=\s]+)$/;

/** How to serve a stored snapshot, or null when it is none the console will serve. */
export function snapshotSource(stored: string | null): SnapshotSource | null {
  if (!stored) return null;
  const data = DATA_URI.exec(stored);
  if (data) return { kind: 'bytes', contentType: data[1]!, bytes: Buffer.from(data[2]!, 'base64') };
  if (/^https?:\/\/[^\s]+$/i.test(stored)) return { kind: 'redirect', url: stored };
  return null;
}
