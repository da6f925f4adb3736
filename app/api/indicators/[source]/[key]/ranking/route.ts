import { NextResponse, type NextRequest } from 'next/server';
import { indicatorIdSchema, indicatorRankingQuerySchema } from '../../../../../../contracts/indicators';
import { registry } from '../../../../../../runtime/registry';
import { badRequest, notFound, unavailable, zodProblems } from '../../../problems';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/{source}/{key}/ranking?dim=agency&hours=24: the dim's members ranked, best first. */
export async function GET(req: NextRequest, ctx: { params: Promise<{ source: string; key: string }> }) {
  // Access check: reading stays open to every console user (issue #8 may restrict it here).
  const ids = indicatorIdSchema.safeParse(await ctx.params);
  if (!ids.success) return badRequest(zodProblems(ids.error));
  const q = indicatorRankingQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(zodProblems(q.error));
  try {
    const ranking = await registry().indicators.ranking(ids.data.source, ids.data.key, q.data.dim, q.data.hours);
    return ranking ? NextResponse.json(ranking) : notFound(ids.data.source, ids.data.key);
  } catch {
    return unavailable();
  }
}
