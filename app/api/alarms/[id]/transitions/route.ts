import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../../runtime/registry';
import { badRequest, noQuery, notFound, route } from '../../../handler';

export const dynamic = 'force-dynamic';

/** GET /api/alarms/{id}/transitions: the alarm's audit trail, oldest first (raised → acknowledged → cleared, who, note); 404 unknown. */
export const GET = route(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const refused = noQuery(req);
  if (refused) return refused;
  const { id } = await ctx.params;
  const alarmId = Number(id);
  if (!/^\d{1,15}$/.test(id) || !Number.isSafeInteger(alarmId) || alarmId <= 0)
    return badRequest(['id: expected an alarm id']);
  const transitions = await registry().alarmTransitions(alarmId);
  // Every alarm has at least its raise: none means no such alarm.
  if (transitions.length === 0) return notFound(`no alarm ${alarmId}`);
  return NextResponse.json({ alarmId, transitions }, { headers: { 'cache-control': 'no-store' } });
});
