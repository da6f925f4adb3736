import { NextResponse, type NextRequest } from 'next/server';
import { feedQuerySchema } from '../../../contracts/camera-events';
import { registry } from '../../../runtime/registry';
import { readQuery, route } from '../handler';

export const dynamic = 'force-dynamic';

/**
 * GET /api/camera-events?view=open|acked|all&type=a,b&severity=2,3&ward=&road=&from=&to=&q=&cursor=&limit=
 * The officers' feed, newest first, one page; `nextCursor` fetches the next (older) page.
 * `q` searches plates anywhere, ignoring case and punctuation. Times: ISO 8601 with offset or epoch ms.
 */
export const GET = route(async (req: NextRequest) => {
  const q = readQuery(req, feedQuerySchema);
  if (!q.ok) return q.response;
  return NextResponse.json(await registry().cameraEvents.feed(q.data), { headers: { 'cache-control': 'no-store' } });
});
