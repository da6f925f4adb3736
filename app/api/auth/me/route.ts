import { NextResponse, type NextRequest } from 'next/server';
import { ROLE_CAPABILITIES } from '../../../../contracts/roles';
import { signedInUser, unauthenticated } from '../../signed-in';

export const dynamic = 'force-dynamic';

/** GET /api/auth/me: who is signed in and what their role may do. */
export function GET(req: NextRequest) {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  return NextResponse.json({ user, capabilities: ROLE_CAPABILITIES[user.role] }, { headers: { 'cache-control': 'no-store' } });
}
