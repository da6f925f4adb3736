import { NextResponse, type NextRequest } from 'next/server';
import { ackBodySchema } from '../../../../../contracts/camera-events';
import { registry } from '../../../../../runtime/registry';
import { badRequest, jsonBody, notFound, problem, route, unauthenticated } from '../../../handler';
import { eventIdOr400 } from '../../respond';
import { signedInUser } from '../../../signed-in';

export const dynamic = 'force-dynamic';

/**
 * POST /api/camera-events/{id}/ack {note}: the signed-in officer handled the event. It leaves every open
 * "to handle" list at once (the `events:acks` channel). An event is acknowledged once: a second
 * acknowledgement is 409 with the first one (who, when, note) — not a silent success, so an officer
 * who raced a colleague learns that someone else took it. 404: no such event.
 *
 * One incident, one acknowledgement: the event's alarms still unacknowledged on /alarms (subject
 * `event:{id}`) are acknowledged with it — same person, same note, same transaction, audited with
 * `via: "camera_event.ack"` (db/incident-acks.ts) — and `alarms` moves everywhere; `alarmIds` names them.
 */
export const POST = route(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const eventId = eventIdOr400((await ctx.params).id);
  if (typeof eventId !== 'string') return eventId;
  const read = await jsonBody(req);
  if (!read.ok) return read.response;
  const json = read.value;
  // Who acknowledges is the signed-in user, whatever the body says.
  const body = ackBodySchema.safeParse(
    json !== null && typeof json === 'object' ? { ...json, by: user.username } : json,
  );
  if (!body.success) return badRequest(body.error.issues);
  // The acknowledgement, its audit row and the event's alarms' acknowledgements are one transaction.
  const result = await registry().cameraEvents.acknowledge(
    eventId,
    body.data.by,
    body.data.note,
    req.headers.get('x-cityops-ip'),
  );
  if (result.ok) return NextResponse.json(result);
  if (result.reason === 'unknown_event') return notFound(`no camera event ${eventId}`);
  return problem('already_acknowledged', {
    detail: `already acknowledged by ${result.ack.by}`,
    extra: { ack: result.ack },
  });
});
