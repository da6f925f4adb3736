import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../runtime/registry';
import { route } from '../../handler';
import { requestInfoOf } from '../../signed-in';

export const dynamic = 'force-dynamic';

/** POST /api/auth/logout: ends this session (its live connections drop too) and clears the cookie. */
export const POST = route(async (req: NextRequest) => {
  const { auth } = registry();
  const info = requestInfoOf(req);
  const signed = await auth.fromCookie(req.headers.get('cookie'));
  const res = NextResponse.json({ ok: true });
  res.headers.append(
    'set-cookie',
    signed ? await auth.signOut(signed, info) : `cityops_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
  );
  return res;
});
