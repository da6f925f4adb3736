import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { cameraIdSchema } from '../../../../../contracts/cameras';
import { registry } from '../../../../../runtime/registry';
import { badRequest, notFound, readQuery, route } from '../../../handler';

export const dynamic = 'force-dynamic';

const DATA_URI = /^data:(image\/(?:jpeg|png|webp));base64,([A-Za-z0-9+/=\s]+)$/;

/**
 * GET /api/cameras/{id}/snapshot: the camera's newest event snapshot. Snapshots travel inside
 * events (a URL, or a data: URI of up to 256 KiB), too big for the live channels, so a tile loads
 * the image here: a data: URI is sent as the image itself, a URL as a redirect to it; 204 when the
 * camera sent no snapshot in the last 7 days, 404 when there is no such camera. `t` (the time of
 * the camera's last event) only makes a tile's URL new when there may be a new image.
 */
const querySchema = z.object({ t: z.coerce.number().int().nonnegative().optional() });

export const GET = route(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  if (!cameraIdSchema.safeParse(id).success) return badRequest(['id: expected a camera id']);
  const q = readQuery(req, querySchema);
  if (!q.ok) return q.response;
  const found = await registry().cameras.snapshot(id);
  if (found === 'unknown_camera') return notFound(`no camera ${id}`);
  // "Nothing yet" is an answer, not an error: a tile asks after every event, and most cameras' events carry no image.
  if (!found) return new NextResponse(null, { status: 204, headers: { 'cache-control': 'private, max-age=5' } });
  const headers = { 'cache-control': 'private, max-age=5', 'x-snapshot-time': new Date(found.timeMs).toISOString() };
  const data = DATA_URI.exec(found.snapshot);
  if (data)
    return new NextResponse(Buffer.from(data[2]!, 'base64'), { headers: { ...headers, 'content-type': data[1]! } });
  if (/^https?:\/\//.test(found.snapshot)) return NextResponse.redirect(found.snapshot, { status: 302, headers });
  return notFound('the snapshot is neither an image data: URI nor an http(s) URL');
});
