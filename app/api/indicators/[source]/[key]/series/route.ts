import { NextResponse, type NextRequest } from 'next/server';
import { indicatorIdSchema, indicatorSeriesQuerySchema } from '../../../../../../contracts/indicators';
import { registry } from '../../../../../../runtime/registry';
import { badRequest, readQuery, route } from '../../../../handler';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/{source}/{key}/series?hours=24: hourly points (the wall's chart panel). */
export const GET = route(async (req: NextRequest, ctx: { params: Promise<{ source: string; key: string }> }) => {
  // Access check: reading is open to every signed-in console user (contracts/roles.ts).
  const ids = indicatorIdSchema.safeParse(await ctx.params);
  if (!ids.success) return badRequest(ids.error.issues);
  const q = readQuery(req, indicatorSeriesQuerySchema);
  if (!q.ok) return q.response;
  return NextResponse.json(await registry().indicators.series(ids.data.source, ids.data.key, q.data.hours));
});
