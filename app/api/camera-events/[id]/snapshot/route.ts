import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../../runtime/registry';
import { eventIdOr400, unavailable } from '../../respond';

export const dynamic = 'force-dynamic';

// Raster images only: an SVG served from our origin could run script.
const DATA_URI = /^data:(image\/(?:jpeg|png|webp|gif));base64,([A-Za-z0-9+/=\s]+)$/;

/**
 * GET /api/camera-events/{id}/snapshot: the event's snapshot. A data: URI (as cameras send them,
 * ≤ 256 KiB) is served as the image itself, so the feed never carries it; a URL is a redirect to
 * the camera system. 404 when the event has none (or an unusable one).
 */
export async function GET(_req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const eventId = eventIdOr400((await ctx.params).id);
  if (typeof eventId !== 'string') return eventId;
  let stored: string | null;
  try {
    stored = await registry().cameraEvents.snapshot(eventId);
  } catch {
    return unavailable();
  }
  const data = stored ? DATA_URI.exec(stored) : null;
  if (data)
    return new NextResponse(Buffer.from(data[2]!, 'base64'), {
      // An event's snapshot never changes.
      headers: { 'content-type': data[1]!, 'cache-control': 'private, max-age=86400, immutable', 'x-content-type-options': 'nosniff' },
    });
  if (stored && /^https?:\/\//i.test(stored)) return NextResponse.redirect(stored, 302);
  return NextResponse.json({ error: 'no_snapshot', message: `camera event ${eventId} has no usable snapshot` }, { status: 404 });
}
