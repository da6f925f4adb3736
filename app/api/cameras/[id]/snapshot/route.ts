import { NextResponse, type NextRequest } from 'next/server';
import { cameraIdSchema } from '../../../../../contracts/cameras';
import { registry } from '../../../../../runtime/registry';
import { badRequest } from '../../problems';

export const dynamic = 'force-dynamic';

const DATA_URI = /^data:(image\/(?:jpeg|png|webp));base64,([A-Za-z0-9+/=\s]+)$/;

/**
 * GET /api/cameras/{id}/snapshot: the camera's newest event snapshot. Snapshots travel inside
 * events (a URL, or a data: URI of up to 256 KiB), too big for the live channels, so a tile loads
 * the image here: a data: URI is sent as the image itself, a URL as a redirect to it; 204 when the
 * camera sent no snapshot in the last 7 days.
 */
export async function GET(_req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!cameraIdSchema.safeParse(id).success) return badRequest(['id: expected a camera id']);
  let found;
  try {
    found = await registry().cameras.snapshot(id);
  } catch {
    return NextResponse.json({ error: 'cameras_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
  // "Nothing yet" is an answer, not an error: a tile asks after every event, and most cameras' events carry no image.
  if (!found) return new NextResponse(null, { status: 204, headers: { 'cache-control': 'private, max-age=5' } });
  const headers = { 'cache-control': 'private, max-age=5', 'x-snapshot-time': new Date(found.timeMs).toISOString() };
  const data = DATA_URI.exec(found.snapshot);
  if (data) return new NextResponse(Buffer.from(data[2]!, 'base64'), { headers: { ...headers, 'content-type': data[1]! } });
  if (/^https?:\/\//.test(found.snapshot)) return NextResponse.redirect(found.snapshot, { status: 302, headers });
  return NextResponse.json({ error: 'not_found', message: 'the snapshot is neither an image data: URI nor an http(s) URL' }, { status: 404 });
}
