import { NextResponse, type NextRequest } from 'next/server';
import { taskRecordsQuerySchema } from '../../../../contracts/tasks';
import { registry } from '../../../../runtime/registry';
import { badRequest, unavailable, zodProblems } from '../../indicators/problems';
import { outOfScope, signedInUser, unauthenticated } from '../../signed-in';
import { periodOf } from '../period';

export const dynamic = 'force-dynamic';

/**
 * GET /api/tasks/records?from=&to=&agency=&leader=&bucket=overdue: the tasks behind a KPI
 * (drill-down); a scoped leader's are of their agencies only, another agency asked for: 403.
 */
export async function GET(req: NextRequest) {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const q = taskRecordsQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(zodProblems(q.error));
  const { fromMs, toMs } = periodOf(q.data);
  try {
    const r = await registry().kpi.taskRecords(user, { fromMs, toMs, agency: q.data.agency ?? null, leader: q.data.leader ?? null, bucket: q.data.bucket, limit: q.data.limit });
    return r.ok ? NextResponse.json({ tasks: r.value }) : outOfScope(r.outside);
  } catch {
    return unavailable();
  }
}
