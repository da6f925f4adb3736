import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../runtime/registry';
import { badRequest, problem, route } from '../../handler';

export const dynamic = 'force-dynamic';

/**
 * POST /api/tasks/push, `Authorization: Bearer <token>`, body `{events: [{agency, task_id, ts,
 * event, …}]}`: task events from a task system that cannot publish MQTT (docs/tasks.md). Same
 * validation and dead-letter as `task/{agency}/event`; 400 names each field, 401 a bad token.
 */
export const POST = route(async (req: NextRequest) => {
  // Access check: the bearer token (INDICATOR_PUSH_TOKENS) is checked by the service — a machine
  // caller, not a signed-in user; the guard leaves this route to its tokens (contracts/roles.ts).
  let body: string;
  try {
    body = await req.text();
  } catch {
    return badRequest(['body: could not be read']);
  }
  const answer = await registry().tasks.push(req.headers.get('authorization'), body);
  if (answer.status === 200) return NextResponse.json(answer.body);
  const { error, message, problems } = answer.body;
  return problem(
    error,
    { detail: message, ...(problems ? { problems } : {}) },
    answer.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
  );
});
