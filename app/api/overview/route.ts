import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../runtime/registry';
import { noQuery, route, unauthenticated } from '../handler';
import { signedInUser } from '../signed-in';

export const dynamic = 'force-dynamic';

/**
 * The overview as JSON, for tools and checks that do not speak Socket.IO, and for scoped leaders'
 * pages (who may not subscribe to the city-wide `overview` channel): today's dossiers and
 * documents are then those of their scope.
 */
export const GET = route(async (req: NextRequest) => {
  const refused = noQuery(req);
  if (refused) return refused;
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  return NextResponse.json(await registry().kpi.overview(user), { headers: { 'cache-control': 'no-store' } });
});
