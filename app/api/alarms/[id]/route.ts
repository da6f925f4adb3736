import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { registry } from '../../../../runtime/registry';
import { audit, jsonBody, signedInUser, unauthenticated } from '../../signed-in';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  action: z.enum(['acknowledge', 'clear']),
  note: z.string().trim().max(500).optional(),
});

/**
 * POST /api/alarms/{id} {action: "acknowledge" | "clear", note?}: the signed-in operator moves an alarm and tells every
 * console (the `alarms` channel updates everywhere at once). 409 when the alarm is not in a state
 * that allows it (already acknowledged, already cleared, unknown).
 */
export async function POST(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const { id } = await ctx.params;
  const alarmId = Number(id);
  if (!Number.isSafeInteger(alarmId) || alarmId <= 0) return NextResponse.json({ error: 'bad_request', problems: ['id: expected an alarm id'] }, { status: 400 });
  const read = await jsonBody(req);
  if (!read.ok) return read.response;
  const json = read.value;
  const body = bodySchema.safeParse(json);
  if (!body.success) return NextResponse.json({ error: 'bad_request', problems: body.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`) }, { status: 400 });
  try {
    const moved = await registry().alarmAction(alarmId, body.data.action, user.username, body.data.note ?? null);
    if (moved) await audit(req, `alarm.${body.data.action}`, String(alarmId), { note: body.data.note ?? null });
    return moved ? NextResponse.json({ ok: true }) : NextResponse.json({ error: 'conflict', message: 'the alarm is not in a state that allows this' }, { status: 409 });
  } catch {
    return NextResponse.json({ error: 'alarms_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
