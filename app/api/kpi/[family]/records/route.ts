import { NextResponse, type NextRequest } from 'next/server';
import { CASE_DRILLS, DOCUMENT_DRILLS, drillQuerySchema } from '../../../../../contracts/kpi-query';
import { registry } from '../../../../../runtime/registry';
import { badRequest, outOfScope, readQuery, route, unauthenticated } from '../../../handler';
import { signedInUser } from '../../../signed-in';
import { familyOr404 } from '../../family-route';

export const dynamic = 'force-dynamic';

/**
 * GET /api/kpi/cases/records?drill=resolved_late&from=…&to=…[&agency=…&q=<code prefix>&page=1&pageSize=50]
 * The records behind a KPI number (docs/kpi.md). Bad input: 400 naming the field. A scoped leader
 * gets their agencies' records only; asking for another agency: 403.
 */
export const GET = route(async (req: NextRequest, ctx: { params: Promise<{ family: string }> }) => {
  const family = familyOr404((await ctx.params).family);
  if (family instanceof NextResponse) return family;
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const parsed = readQuery(req, drillQuerySchema);
  if (!parsed.ok) return parsed.response;
  const drills: readonly string[] = family === 'cases' ? CASE_DRILLS : DOCUMENT_DRILLS;
  if (!drills.includes(parsed.data.drill)) return badRequest([`drill: expected one of ${drills.join(', ')}`]);
  const r = await registry().kpi.records(user, family, parsed.data);
  return r.ok ? NextResponse.json(r.value) : outOfScope(r.outside);
});
