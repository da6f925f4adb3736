import { NextResponse, type NextRequest } from 'next/server';
import { statsQuerySchema } from '../../../../contracts/camera-events';
import { registry } from '../../../../runtime/registry';
import { badRequest, queryOf, unavailable } from '../respond';

export const dynamic = 'force-dynamic';

/** GET /api/camera-events/stats?from=&to= (ISO 8601 with offset or epoch ms): violations by type and hour, congestion hours by road, top cameras. */
export async function GET(req: NextRequest) {
  const q = statsQuerySchema.safeParse(queryOf(req.url));
  if (!q.success) return badRequest(q.error.issues);
  try {
    return NextResponse.json(await registry().cameraEvents.stats(q.data), { headers: { 'cache-control': 'no-store' } });
  } catch {
    return unavailable();
  }
}
