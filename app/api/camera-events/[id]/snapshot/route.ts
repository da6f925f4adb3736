import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../../runtime/registry';
import { notFound, route } from '../../../handler';
import { eventIdOr400 } from '../../respond';

export const dynamic = 'force-dynamic';

/**
 * GET /api/camera-events/{id}/snapshot: the event's snapshot. A data: URI (as cameras send them,
 * ≤ 256 KiB) is served as the image itself, so the feed never carries it; a URL is a redirect to
 * the camera system (runtime/snapshot-source.ts). 404 when the event has none (or an unusable one).
 */
export const GET = route(async (_req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const eventId = eventIdOr400((await ctx.params).id);
  if (typeof eventId !== 'string') return eventId;
  const source = await registry().cameraEvents.snapshot(eventId);
  if (source?.kind === 'bytes')
    return new NextResponse(new Uint8Array(source.bytes), {
      // An event's snapshot never changes.
      headers: {
        'content-type': source.contentType,
        'cache-control': 'private, max-age=86400, immutable',
        'x-content-type-options': 'nosniff',
      },
    });
  if (source?.kind === 'redirect') return NextResponse.redirect(source.url, 302);
  return notFound(`camera event ${eventId} has no usable snapshot`);
});
