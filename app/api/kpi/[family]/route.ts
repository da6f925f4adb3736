import { NextResponse, type NextRequest } from 'next/server';
import { kpiQuerySchema } from '../../../../contracts/kpi-query';
import { registry } from '../../../../runtime/registry';
import { outOfScope, readQuery, route, unauthenticated } from '../../handler';
import { signedInUser } from '../../signed-in';
import { familyOr404 } from '../family-route';

export const dynamic = 'force-dynamic';

/**
 * GET /api/kpi/cases | /api/kpi/documents?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=agency&…
 * Every KPI per group, with totals and the previous period (docs/kpi.md). Bad input: 400 naming the field.
 * A scoped leader gets their agencies only (totals are theirs); asking for another agency: 403.
 */
export const GET = route(async (req: NextRequest, ctx: { params: Promise<{ family: string }> }) => {
  const family = familyOr404((await ctx.params).family);
  if (family instanceof NextResponse) return family;
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const parsed = readQuery(req, kpiQuerySchema);
  if (!parsed.ok) return parsed.response;
  const r = await registry().kpi.table(user, family, parsed.data);
  return r.ok ? NextResponse.json(r.value) : outOfScope(r.outside);
});
