import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, problem, route } from '../../handler';
import { requestInfoOf } from '../../signed-in';

export const dynamic = 'force-dynamic';

const bodySchema = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) });

/**
 * POST /api/auth/login {username, password}: sets the session cookie. 401 for a wrong name or
 * password (the same answer for both), 423 while the account is locked, 429 when this address
 * tries too often (Retry-After says when to try again).
 */
export const POST = route(async (req: NextRequest) => {
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  const r = await registry().auth.signIn(parsed.data.username, parsed.data.password, requestInfoOf(req));
  if (r.ok) {
    const res = NextResponse.json({ ok: true, user: r.user });
    res.headers.append('set-cookie', r.setCookie);
    res.headers.set('cache-control', 'no-store');
    return res;
  }
  return problem(
    r.reason,
    { extra: { retryAfterS: r.retryAfterS ?? null } },
    r.retryAfterS ? { 'retry-after': String(r.retryAfterS) } : {},
  );
});
