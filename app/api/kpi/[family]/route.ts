import { NextResponse, type NextRequest } from 'next/server';
import { kpiQuerySchema } from '../../../../contracts/kpi-query';
import { registry } from '../../../../runtime/registry';
import { outOfScope, signedInUser, unauthenticated } from '../../signed-in';
import { badQuery, familyOr404, unavailable } from '../family-route';

export const dynamic = 'force-dynamic';

/**
 * GET /api/kpi/cases | /api/kpi/documents?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=agency&…
 * Every KPI per group, with totals and the previous period (docs/kpi.md). Bad input: 400 naming the field.
 * A scoped leader gets their agencies only (totals are theirs); asking for another agency: 403.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ family: string }> }) {
  const family = familyOr404((await ctx.params).family);
  if (family instanceof NextResponse) return family;
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const parsed = kpiQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) return badQuery(parsed.error.issues);
  try {
    const r = await registry().kpi.table(user, family, parsed.data);
    return r.ok ? NextResponse.json(r.value) : outOfScope(r.outside);
  } catch {
    return unavailable();
  }
}
