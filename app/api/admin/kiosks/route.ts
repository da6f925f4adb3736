import { NextResponse, type NextRequest } from 'next/server';
import { kioskCreateSchema, kioskUrlPath } from '../../../../contracts/kiosks';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, noQuery, route, unauthenticated } from '../../handler';
import { requestInfoOf, signedInUser } from '../../signed-in';

export const dynamic = 'force-dynamic';

/** GET /api/admin/kiosks: every kiosk token (never the token itself) with its state, newest first (admins only, by the guard). */
export const GET = route(async (req: NextRequest) => {
  const refused = noQuery(req);
  if (refused) return refused;
  return NextResponse.json({ kiosks: await registry().kiosks.list() }, { headers: { 'cache-control': 'no-store' } });
});

/**
 * POST /api/admin/kiosks {name, scenes?, rotateSeconds?, expiresAtMs?}: 201 {id, token, path}. The
 * token is in this answer only (the database keeps its hash): the admin copies the kiosk URL now.
 */
export const POST = route(async (req: NextRequest) => {
  const by = signedInUser(req);
  if (!by) return unauthenticated();
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = kioskCreateSchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  const k = parsed.data;
  if (k.expiresAtMs !== null && k.expiresAtMs <= Date.now())
    return badRequest([{ path: ['expiresAtMs'], message: 'must be in the future' }]);
  // Scenes are checked against the layout in force; one removed later is skipped by the wall.
  const known = new Set((await registry().indicators.wallLayout()).scenes.map((s) => s.id));
  const unknown = k.scenes.map((id, i) => ({ id, i })).filter((s) => !known.has(s.id));
  if (unknown.length > 0)
    return badRequest(
      unknown.map((s) => ({ path: ['scenes', s.i], message: `no scene "${s.id}" in the wall layout` })),
    );
  const { id, token } = await registry().kiosks.create(by, k, requestInfoOf(req));
  return NextResponse.json(
    { id, token, path: kioskUrlPath(token) },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  );
});
