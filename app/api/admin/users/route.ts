import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../auth/password-policy';
import { accountRoleSchema, userScopeSchema } from '../../../../contracts/roles';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, noQuery, problem, route, unauthenticated } from '../../handler';
import { requestInfoOf, signedInUser } from '../../signed-in';

export const dynamic = 'force-dynamic';

const createSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'expected 2–32 lower-case letters, digits, . _ -'),
  displayName: z.string().trim().min(1).max(64),
  role: accountRoleSchema,
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX),
  /** A leader's agencies and wards (ids); unknown ones are refused, naming them. */
  scope: userScopeSchema.optional(),
});

/**
 * GET /api/admin/users: every account with its role, scope, lock and live sessions (admins only, by
 * the guard), and the agencies and wards a leader can be scoped to (`scopeOptions`).
 */
export const GET = route(async (req: NextRequest) => {
  const refused = noQuery(req);
  if (refused) return refused;
  const { auth } = registry();
  const [users, scopeOptions] = await Promise.all([auth.listUsers(), auth.scopeOptions()]);
  return NextResponse.json({ users, scopeOptions }, { headers: { 'cache-control': 'no-store' } });
});

/**
 * POST /api/admin/users {username, displayName, role, password, scope?: {agencies, wards}}: 201, or
 * 409 when the name is taken, 400 for a scope naming unknown agencies or wards or given to a non-leader.
 */
export const POST = route(async (req: NextRequest) => {
  const by = signedInUser(req);
  if (!by) return unauthenticated();
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = createSchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  const r = await registry().auth.createUser(by, parsed.data, requestInfoOf(req));
  if (r === 'ok') return NextResponse.json({ ok: true }, { status: 201 });
  if (r === 'exists')
    return problem('conflict', { detail: 'the user name is taken', problems: ['username: already taken'] });
  return badRequest(r.problems);
});
