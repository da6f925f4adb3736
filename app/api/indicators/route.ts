import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../runtime/registry';
import { noQuery, route } from '../handler';

export const dynamic = 'force-dynamic';

/** GET /api/indicators: the catalogue (the same as the live channel `indicators`). */
export const GET = route(async (req: NextRequest) => {
  const refused = noQuery(req);
  if (refused) return refused;
  return NextResponse.json(await registry().indicators.catalogue());
});
