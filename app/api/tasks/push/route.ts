import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

/**
 * POST /api/tasks/push, `Authorization: Bearer <token>`, body `{events: [{agency, task_id, ts,
 * event, …}]}`: task events from a task system that cannot publish MQTT (docs/tasks.md). Same
 * validation and dead-letter as `task/{agency}/event`; 400 names each field, 401 a bad token.
 */
export async function POST(req: NextRequest) {
  // Access check: the bearer token (INDICATOR_PUSH_TOKENS) is checked by the service — a machine
  // caller, not a signed-in user; sign-in and roles (issue #8) leave this route to its tokens.
  let body: string;
  try {
    body = await req.text();
  } catch {
    return NextResponse.json({ error: 'bad_request', problems: ['body: could not be read'] }, { status: 400 });
  }
  try {
    const answer = await registry().tasks.push(req.headers.get('authorization'), body);
    return NextResponse.json(answer.body, { status: answer.status, headers: answer.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : undefined });
  } catch {
    return NextResponse.json({ error: 'tasks_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
