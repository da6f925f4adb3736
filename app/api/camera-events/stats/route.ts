import { NextResponse, type NextRequest } from 'next/server';
import { statsQuerySchema } from '../../../../contracts/camera-events';
import { registry } from '../../../../runtime/registry';
import { readQuery, route } from '../../handler';

export const dynamic = 'force-dynamic';

/** GET /api/camera-events/stats?from=&to= (ISO 8601 with offset or epoch ms): violations by type and hour, congestion hours by road, top cameras. */
export const GET = route(async (req: NextRequest) => {
  const q = readQuery(req, statsQuerySchema);
  if (!q.ok) return q.response;
  return NextResponse.json(await registry().cameraEvents.stats(q.data), { headers: { 'cache-control': 'no-store' } });
});
