import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../../runtime/registry';
import { badRequest } from '../../../camera-events/respond';

export const dynamic = 'force-dynamic';

/** GET /api/alarms/{id}/transitions: the alarm's audit trail, oldest first (raised → acknowledged → cleared, who, note); 404 unknown. */
export async function GET(_req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const alarmId = Number(id);
  if (!/^\d{1,15}$/.test(id) || !Number.isSafeInteger(alarmId) || alarmId <= 0) return badRequest(['id: expected an alarm id']);
  try {
    const transitions = await registry().alarmTransitions(alarmId);
    // Every alarm has at least its raise: none means no such alarm.
    if (transitions.length === 0) return NextResponse.json({ error: 'not_found', message: `no alarm ${alarmId}` }, { status: 404 });
    return NextResponse.json({ alarmId, transitions }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return NextResponse.json({ error: 'alarms_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
