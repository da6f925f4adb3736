import { NextResponse, type NextRequest } from 'next/server';
import { indicatorIdSchema, indicatorRankingQuerySchema } from '../../../../../../contracts/indicators';
import { registry } from '../../../../../../runtime/registry';
import { badRequest, notFound, readQuery, route } from '../../../../handler';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/{source}/{key}/ranking?dim=agency&hours=24: the dim's members ranked, best first. */
export const GET = route(async (req: NextRequest, ctx: { params: Promise<{ source: string; key: string }> }) => {
  // Access check: reading is open to every signed-in console user (contracts/roles.ts).
  const ids = indicatorIdSchema.safeParse(await ctx.params);
  if (!ids.success) return badRequest(ids.error.issues);
  const q = readQuery(req, indicatorRankingQuerySchema);
  if (!q.ok) return q.response;
  const ranking = await registry().indicators.ranking(ids.data.source, ids.data.key, q.data.dim, q.data.hours);
  return ranking ? NextResponse.json(ranking) : notFound(`no indicator ${ids.data.source}/${ids.data.key} is known`);
});
