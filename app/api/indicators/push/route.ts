import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

/**
 * POST /api/indicators/push, `Authorization: Bearer <token>`, body `{indicators: [{source, key,
 * meta?, values?: [{ts, value, unit?, dims?}]}]}`: the HTTP way in for systems that cannot publish
 * MQTT (docs/indicators.md). Same validation and dead-letter as MQTT; 400 names each field at
 * fault, 401 a missing or unknown token.
 */
export async function POST(req: NextRequest) {
  // Access check: the bearer token (INDICATOR_PUSH_TOKENS) is checked by the service — a machine
  // caller, not a signed-in user; sign-in and roles (issue #8) leave this route to its tokens.
  const authorization = req.headers.get('authorization');
  let body: string;
  try {
    body = await req.text();
  } catch {
    return NextResponse.json({ error: 'bad_request', problems: ['body: could not be read'] }, { status: 400 });
  }
  try {
    const answer = await registry().indicators.push(authorization, body);
    return NextResponse.json(answer.body, { status: answer.status, headers: answer.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : undefined });
  } catch {
    return NextResponse.json({ error: 'indicators_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
