import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, problem, route, unauthenticated } from '../../handler';
import { audit, signedInUser } from '../../signed-in';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({
  action: z.enum(['acknowledge', 'clear']),
  note: z.string().trim().max(500).optional(),
});

/**
 * POST /api/alarms/{id} {action: "acknowledge" | "clear", note?}: the signed-in operator moves an alarm and tells every
 * console (the `alarms` channel updates everywhere at once). 409 when the alarm is not in a state
 * that allows it (already acknowledged — with who was first, already cleared, unknown).
 *
 * One incident, one acknowledgement: acknowledging an alarm about a camera event (`event:{id}`)
 * also acknowledges that event in /traffic's feed if nobody did yet — same person, same note, same
 * transaction, audited with `via: "alarm.acknowledge"` (db/incident-acks.ts); `events:acks` moves
 * everywhere too. An acknowledgement's audit entries are written in its transaction (not after it,
 * as a clear's is), so neither face is ever acknowledged without its entry.
 */
export const POST = route(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const { id } = await ctx.params;
  const alarmId = Number(id);
  if (!Number.isSafeInteger(alarmId) || alarmId <= 0) return badRequest(['id: expected an alarm id']);
  const read = await jsonBody(req);
  if (!read.ok) return read.response;
  const json = read.value;
  const body = bodySchema.safeParse(json);
  if (!body.success) return badRequest(body.error.issues);
  const note = body.data.note ?? null;
  const conflict = (detail = 'the alarm is not in a state that allows this', extra: Record<string, unknown> = {}) =>
    problem('conflict', { detail, extra });
  if (body.data.action === 'acknowledge') {
    const outcome = await registry().alarmAcknowledge(alarmId, user.username, note, req.headers.get('x-cityops-ip'));
    if (outcome.ok) return NextResponse.json({ ok: true, eventId: outcome.eventId });
    return outcome.ack
      ? conflict(`already acknowledged by ${outcome.ack.by}`, { ack: outcome.ack, state: outcome.state })
      : conflict(undefined, { state: outcome.state });
  }
  const moved = await registry().alarmClear(alarmId, user.username, note);
  if (moved) await audit(req, 'alarm.clear', String(alarmId), { note });
  return moved ? NextResponse.json({ ok: true }) : conflict();
});
