import { NextResponse, type NextRequest } from 'next/server';
import { taskKpiQuerySchema } from '../../../contracts/tasks';
import { registry } from '../../../runtime/registry';
import { readQuery, route, unauthenticated } from '../handler';
import { signedInUser } from '../signed-in';
import { periodOf } from './period';

export const dynamic = 'force-dynamic';

/**
 * GET /api/tasks?from=&to=: leaders' task KPIs of the tasks assigned in the period (default the last
 * 90 days), city-wide, by agency and by leader — for a scoped leader, of their agencies only.
 */
export const GET = route(async (req: NextRequest) => {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const q = readQuery(req, taskKpiQuerySchema);
  if (!q.ok) return q.response;
  const { fromMs, toMs } = periodOf(q.data);
  return NextResponse.json(await registry().kpi.taskKpis(user, fromMs, toMs));
});
