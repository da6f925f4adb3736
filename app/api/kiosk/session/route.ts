import { NextResponse, type NextRequest } from 'next/server';
import { kioskSignInSchema } from '../../../../contracts/kiosks';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, problem, route } from '../../handler';
import { requestInfoOf } from '../../signed-in';

export const dynamic = 'force-dynamic';

/**
 * POST /api/kiosk/session {token}: a video wall exchanges its kiosk token for a session (cookie) of
 * the read-only kiosk role, then opens /wall. In the body, not the URL: the token never reaches an
 * access log. 401 invalid / revoked / expired, 429 when this address tries too often.
 */
export const POST = route(async (req: NextRequest) => {
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = kioskSignInSchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  const r = await registry().kiosks.signIn(parsed.data.token, requestInfoOf(req));
  if (r.ok) {
    const res = NextResponse.json({ ok: true, name: r.user.displayName, next: '/wall' });
    res.headers.append('set-cookie', r.setCookie);
    res.headers.set('cache-control', 'no-store');
    return res;
  }
  // `invalid` is also the sign-in's code; the detail says it is the kiosk link that is not valid.
  const detail = r.reason === 'invalid' ? 'this kiosk link is not valid' : undefined;
  return problem(
    r.reason,
    { ...(detail ? { detail } : {}), extra: { retryAfterS: r.retryAfterS ?? null } },
    r.retryAfterS ? { 'retry-after': String(r.retryAfterS) } : {},
  );
});
