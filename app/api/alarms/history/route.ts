import { NextResponse, type NextRequest } from 'next/server';
import { alarmHistoryQuerySchema } from '../../../../contracts/alarm-history';
import { registry } from '../../../../runtime/registry';
import { badRequest, queryOf } from '../../camera-events/respond';

export const dynamic = 'force-dynamic';

/**
 * GET /api/alarms/history?from&to&severity=1|2|3&rule&state=open|active|acknowledged|cleared&page
 * The alarms raised in [from, to) (default: the last 24 hours), newest first, 50 a page, with who
 * acknowledged and cleared each and how long it lasted. Times: ISO 8601 with offset or epoch ms.
 */
export async function GET(req: NextRequest) {
  const q = alarmHistoryQuerySchema.safeParse(queryOf(req.url));
  if (!q.success) return badRequest(q.error.issues);
  try {
    return NextResponse.json(await registry().alarmHistory(q.data), { headers: { 'cache-control': 'no-store' } });
  } catch {
    return NextResponse.json({ error: 'alarms_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
