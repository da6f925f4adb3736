import { NextResponse, type NextRequest } from 'next/server';
import { taskRecordsQuerySchema } from '../../../../contracts/tasks';
import { registry } from '../../../../runtime/registry';
import { badRequest, unavailable, zodProblems } from '../../indicators/problems';
import { periodOf } from '../period';

export const dynamic = 'force-dynamic';

/** GET /api/tasks/records?from=&to=&agency=&leader=&bucket=overdue: the tasks behind a KPI (drill-down). */
export async function GET(req: NextRequest) {
  // Access check: leaders' figures (issue #8 restricts this route to signed-in leaders here).
  const q = taskRecordsQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(zodProblems(q.error));
  const { fromMs, toMs } = periodOf(q.data);
  try {
    return NextResponse.json({ tasks: await registry().tasks.records({ fromMs, toMs, agency: q.data.agency ?? null, leader: q.data.leader ?? null, bucket: q.data.bucket, limit: q.data.limit }) });
  } catch {
    return unavailable();
  }
}
