import { NextResponse, type NextRequest } from 'next/server';
import { taskKpiQuerySchema } from '../../../contracts/tasks';
import { registry } from '../../../runtime/registry';
import { badRequest, unavailable, zodProblems } from '../indicators/problems';
import { periodOf } from './period';

export const dynamic = 'force-dynamic';

/** GET /api/tasks?from=&to=: leaders' task KPIs of the tasks assigned in the period (default the last 90 days), city-wide, by agency and by leader. */
export async function GET(req: NextRequest) {
  // Access check: leaders' figures (issue #8 restricts this route to signed-in leaders here).
  const q = taskKpiQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(zodProblems(q.error));
  const { fromMs, toMs } = periodOf(q.data);
  try {
    return NextResponse.json(await registry().tasks.kpis(fromMs, toMs));
  } catch {
    return unavailable();
  }
}
