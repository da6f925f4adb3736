import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../../runtime/registry';
import { noQuery, route, unauthenticated } from '../../../handler';
import { signedInUser } from '../../../signed-in';
import { familyOr404 } from '../../family-route';

export const dynamic = 'force-dynamic';

/**
 * GET /api/kpi/cases/today | /api/kpi/documents/today: what the live channel kpi:{family} carries
 * (today so far, yesterday at the same time, per hour, per agency), for the signed-in user's scope.
 * Scoped leaders may not subscribe to the city-wide channels; their pages poll this instead.
 */
export const GET = route(async (req: NextRequest, ctx: { params: Promise<{ family: string }> }) => {
  const refused = noQuery(req);
  if (refused) return refused;
  const family = familyOr404((await ctx.params).family);
  if (family instanceof NextResponse) return family;
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  return NextResponse.json(await registry().kpi.today(user, family), { headers: { 'cache-control': 'no-store' } });
});
