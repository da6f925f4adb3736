import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../auth/password-policy';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, problem, route, unauthenticated } from '../../handler';
import { requestInfoOf } from '../../signed-in';

export const dynamic = 'force-dynamic';

const bodySchema = z
  .object({ current: z.string().min(1).max(PASSWORD_MAX), next: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX) })
  .refine((b) => b.current !== b.next, {
    path: ['next'],
    message: 'the new password must differ from the current one',
  });

/** POST /api/auth/password {current, next}: changes the password; every other session of the user ends. */
export const POST = route(async (req: NextRequest) => {
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  const { auth } = registry();
  const signed = await auth.fromCookie(req.headers.get('cookie'));
  if (!signed) return unauthenticated();
  const r = await auth.changePassword(signed, parsed.data.current, parsed.data.next, requestInfoOf(req));
  return r === 'ok'
    ? NextResponse.json({ ok: true })
    : problem('wrong_password', { problems: ['current: not your current password'] });
});
