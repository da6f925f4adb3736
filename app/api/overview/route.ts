import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../runtime/registry';
import { signedInUser, unauthenticated } from '../signed-in';

export const dynamic = 'force-dynamic';

/**
 * The overview as JSON, for tools and checks that do not speak Socket.IO, and for scoped leaders'
 * pages (who may not subscribe to the city-wide `overview` channel): today's dossiers and
 * documents are then those of their scope.
 */
export async function GET(req: NextRequest) {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  try {
    return NextResponse.json(await registry().kpi.overview(user), { headers: { 'cache-control': 'no-store' } });
  } catch {
    return NextResponse.json({ error: 'overview_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
