import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../runtime/registry';
import { noQuery, route } from '../../handler';

export const dynamic = 'force-dynamic';

/** GET /api/camera-events/options: the wards and roads that have cameras (the feed's filter choices). */
export const GET = route(async (req: NextRequest) => {
  const refused = noQuery(req);
  if (refused) return refused;
  return NextResponse.json(await registry().cameraEvents.options());
});
