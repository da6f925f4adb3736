import { NextResponse, type NextRequest } from 'next/server';
import { kioskSignInSchema } from '../../../../contracts/kiosks';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, requestInfoOf } from '../../signed-in';

export const dynamic = 'force-dynamic';

const MESSAGES = {
  invalid: 'this kiosk link is not valid',
  revoked: 'this kiosk link was revoked',
  expired: 'this kiosk link has expired',
  rate_limited: 'too many sign-in attempts from this address',
} as const;

/**
 * POST /api/kiosk/session {token}: a video wall exchanges its kiosk token for a session (cookie) of
 * the read-only kiosk role, then opens /wall. In the body, not the URL: the token never reaches an
 * access log. 401 invalid / revoked / expired, 429 when this address tries too often.
 */
export async function POST(req: NextRequest) {
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = kioskSignInSchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  try {
    const r = await registry().kiosks.signIn(parsed.data.token, requestInfoOf(req));
    if (r.ok) {
      const res = NextResponse.json({ ok: true, name: r.user.displayName, next: '/wall' });
      res.headers.append('set-cookie', r.setCookie);
      res.headers.set('cache-control', 'no-store');
      return res;
    }
    const status = r.reason === 'rate_limited' ? 429 : 401;
    return NextResponse.json({ error: r.reason, message: MESSAGES[r.reason], retryAfterS: r.retryAfterS ?? null }, { status, headers: r.retryAfterS ? { 'retry-after': String(r.retryAfterS) } : {} });
  } catch {
    return NextResponse.json({ error: 'auth_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
