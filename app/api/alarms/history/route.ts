import { NextResponse, type NextRequest } from 'next/server';
import { alarmHistoryQuerySchema } from '../../../../contracts/alarm-history';
import { registry } from '../../../../runtime/registry';
import { readQuery, route } from '../../handler';

export const dynamic = 'force-dynamic';

/**
 * GET /api/alarms/history?from&to&severity=1|2|3&rule&state=open|active|acknowledged|cleared&page
 * The alarms raised in [from, to) (default: the last 24 hours), newest first, 50 a page, with who
 * acknowledged and cleared each and how long it lasted. Times: ISO 8601 with offset or epoch ms.
 */
export const GET = route(async (req: NextRequest) => {
  const q = readQuery(req, alarmHistoryQuerySchema);
  if (!q.ok) return q.response;
  return NextResponse.json(await registry().alarmHistory(q.data), { headers: { 'cache-control': 'no-store' } });
});
