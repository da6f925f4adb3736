import { NextResponse, type NextRequest } from 'next/server';
import { taskRecordsQuerySchema } from '../../../../contracts/tasks';
import { registry } from '../../../../runtime/registry';
import { outOfScope, readQuery, route, unauthenticated } from '../../handler';
import { signedInUser } from '../../signed-in';
import { periodOf } from '../period';

export const dynamic = 'force-dynamic';

/**
 * GET /api/tasks/records?from=&to=&agency=&leader=&bucket=overdue: the tasks behind a KPI
 * (drill-down); a scoped leader's are of their agencies only, another agency asked for: 403.
 */
export const GET = route(async (req: NextRequest) => {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const q = readQuery(req, taskRecordsQuerySchema);
  if (!q.ok) return q.response;
  const { fromMs, toMs } = periodOf(q.data);
  const r = await registry().kpi.taskRecords(user, {
    fromMs,
    toMs,
    agency: q.data.agency ?? null,
    leader: q.data.leader ?? null,
    bucket: q.data.bucket,
    limit: q.data.limit,
  });
  return r.ok ? NextResponse.json({ tasks: r.value }) : outOfScope(r.outside);
});
