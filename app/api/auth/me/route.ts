import { NextResponse, type NextRequest } from 'next/server';
import { ROLE_CAPABILITIES } from '../../../../contracts/roles';
import { signedInUser } from '../../signed-in';
import { noQuery, route, unauthenticated } from '../../handler';

export const dynamic = 'force-dynamic';

/** GET /api/auth/me: who is signed in and what their role may do. */
export const GET = route(async (req: NextRequest) => {
  const refused = noQuery(req);
  if (refused) return refused;
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  return NextResponse.json(
    { user, capabilities: ROLE_CAPABILITIES[user.role] },
    { headers: { 'cache-control': 'no-store' } },
  );
});
