import { NextResponse, type NextRequest } from 'next/server';
import { registry } from '../../../../../../runtime/registry';
import { badRequest, problem, route, unauthenticated } from '../../../../handler';
import { requestInfoOf, signedInUser } from '../../../../signed-in';

export const dynamic = 'force-dynamic';

/**
 * POST /api/admin/kiosks/{id}/revoke: the token stops working, the kiosk's sessions end and its
 * wall's live connection drops now (the wall leaves the screen within seconds). The row stays,
 * listed as revoked, for the record. 404 when unknown or already revoked.
 */
export const POST = route(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const by = signedInUser(req);
  if (!by) return unauthenticated();
  const raw = (await ctx.params).id;
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return badRequest(['id: expected a kiosk id']);
  const done = await registry().kiosks.revoke(by, id, requestInfoOf(req));
  return done
    ? NextResponse.json({ ok: true })
    : problem('not_found', { problems: ['id: no such kiosk token, or already revoked'] });
});
