import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../runtime/registry';
import { badRequest, problem, route } from '../../handler';

export const dynamic = 'force-dynamic';

/**
 * POST /api/indicators/push, `Authorization: Bearer <token>`, body `{indicators: [{source, key,
 * meta?, values?: [{ts, value, unit?, dims?}]}]}`: the HTTP way in for systems that cannot publish
 * MQTT (docs/indicators.md). Same validation and dead-letter as MQTT; 400 names each field at
 * fault, 401 a missing or unknown token.
 */
export const POST = route(async (req: NextRequest) => {
  // Access check: the bearer token (INDICATOR_PUSH_TOKENS) is checked by the service — a machine
  // caller, not a signed-in user; the guard leaves this route to its tokens (contracts/roles.ts).
  const authorization = req.headers.get('authorization');
  let body: string;
  try {
    body = await req.text();
  } catch {
    return badRequest(['body: could not be read']);
  }
  const answer = await registry().indicators.push(authorization, body);
  if (answer.status === 200) return NextResponse.json(answer.body);
  const { error, message, problems } = answer.body;
  return problem(
    error,
    { detail: message, ...(problems ? { problems } : {}) },
    answer.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
  );
});
