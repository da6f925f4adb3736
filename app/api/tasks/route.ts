import { NextResponse, type NextRequest } from 'next/server';
import { taskKpiQuerySchema } from '../../../contracts/tasks';
import { registry } from '../../../runtime/registry';
import { badRequest, unavailable, zodProblems } from '../indicators/problems';
import { signedInUser, unauthenticated } from '../signed-in';
import { periodOf } from './period';

export const dynamic = 'force-dynamic';

/**
 * GET /api/tasks?from=&to=: leaders' task KPIs of the tasks assigned in the period (default the last
 * 90 days), city-wide, by agency and by leader — for a scoped leader, of their agencies only.
 */
export async function GET(req: NextRequest) {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const q = taskKpiQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(zodProblems(q.error));
  const { fromMs, toMs } = periodOf(q.data);
  try {
    return NextResponse.json(await registry().kpi.taskKpis(user, fromMs, toMs));
  } catch {
    return unavailable();
  }
}
