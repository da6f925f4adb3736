import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../auth/password-policy';
import { accountRoleSchema, userScopeSchema } from '../../../../contracts/roles';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, requestInfoOf, signedInUser, unauthenticated } from '../../signed-in';

export const dynamic = 'force-dynamic';

const createSchema = z.object({
  username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'expected 2–32 lower-case letters, digits, . _ -'),
  displayName: z.string().trim().min(1).max(64),
  role: accountRoleSchema,
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
  /** A leader's agencies and wards (ids); unknown ones are refused, naming them. */
  scope: userScopeSchema.optional(),
});

const unavailable = () => NextResponse.json({ error: 'auth_unavailable', message: 'the database did not answer' }, { status: 503 });

/**
 * GET /api/admin/users: every account with its role, scope, lock and live sessions (admins only, by
 * the guard), and the agencies and wards a leader can be scoped to (`scopeOptions`).
 */
export async function GET() {
  try {
    const { auth } = registry();
    const [users, scopeOptions] = await Promise.all([auth.listUsers(), auth.scopeOptions()]);
    return NextResponse.json({ users, scopeOptions }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return unavailable();
  }
}

/**
 * POST /api/admin/users {username, displayName, role, password, scope?: {agencies, wards}}: 201, or
 * 409 when the name is taken, 400 for a scope naming unknown agencies or wards or given to a non-leader.
 */
export async function POST(req: NextRequest) {
  const by = signedInUser(req);
  if (!by) return unauthenticated();
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = createSchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  try {
    const r = await registry().auth.createUser(by, parsed.data, requestInfoOf(req));
    if (r === 'ok') return NextResponse.json({ ok: true }, { status: 201 });
    if (r === 'exists') return NextResponse.json({ error: 'conflict', problems: ['username: already taken'] }, { status: 409 });
    return NextResponse.json({ error: 'bad_request', problems: r.problems }, { status: 400 });
  } catch {
    return unavailable();
  }
}
