import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../auth/password-policy';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, requestInfoOf, unauthenticated } from '../../signed-in';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ current: z.string().min(1).max(PASSWORD_MAX), next: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX) })
  .refine((b) => b.current !== b.next, { path: ['next'], message: 'the new password must differ from the current one' });

/** POST /api/auth/password {current, next}: changes the password; every other session of the user ends. */
export async function POST(req: NextRequest) {
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  const { auth } = registry();
  try {
    const signed = await auth.fromCookie(req.headers.get('cookie'));
    if (!signed) return unauthenticated();
    const r = await auth.changePassword(signed, parsed.data.current, parsed.data.next, requestInfoOf(req));
    return r === 'ok' ? NextResponse.json({ ok: true }) : NextResponse.json({ error: 'wrong_password', problems: ['current: not your current password'] }, { status: 400 });
  } catch {
    return NextResponse.json({ error: 'auth_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
