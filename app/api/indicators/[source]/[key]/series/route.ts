import { NextResponse, type NextRequest } from 'next/server';
import { indicatorIdSchema, indicatorSeriesQuerySchema } from '../../../../../../contracts/indicators';
import { registry } from '../../../../../../runtime/registry';
import { badRequest, unavailable, zodProblems } from '../../../problems';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/{source}/{key}/series?hours=24: hourly points (the wall's chart panel). */
export async function GET(req: NextRequest, ctx: { params: Promise<{ source: string; key: string }> }) {
  // Access check: reading stays open to every console user (issue #8 may restrict it here).
  const ids = indicatorIdSchema.safeParse(await ctx.params);
  if (!ids.success) return badRequest(zodProblems(ids.error));
  const q = indicatorSeriesQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(zodProblems(q.error));
  try {
    return NextResponse.json(await registry().indicators.series(ids.data.source, ids.data.key, q.data.hours));
  } catch {
    return unavailable();
  }
}
