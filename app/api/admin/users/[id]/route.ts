import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../../auth/password-policy';
import { accountRoleSchema, userScopeSchema } from '../../../../../contracts/roles';
import { registry } from '../../../../../runtime/registry';
import { badRequest, jsonBody, requestInfoOf, signedInUser, unauthenticated } from '../../../signed-in';

export const dynamic = 'force-dynamic';

const patchSchema = z.object({
  role: accountRoleSchema.optional(),
  displayName: z.string().trim().min(1).max(64).optional(),
  disabled: z.boolean().optional(),
  unlock: z.boolean().optional(),
  password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).optional(),
  /** The whole new scope (both lists; empty lists: the whole city). */
  scope: userScopeSchema.optional(),
}).strict();

/**
 * PATCH /api/admin/users/{id} {role?, displayName?, disabled?, unlock?, password?, scope?}: a new
 * role or scope, a disabled account or a reset password ends the user's sessions at once. An admin
 * may not demote or disable themselves (409). A scope is for leaders only and must name known
 * agencies and wards (400 naming the others); another role clears it.
 */
export async function PATCH(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const by = signedInUser(req);
  if (!by) return unauthenticated();
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return NextResponse.json({ error: 'bad_request', problems: ['id: expected a user id'] }, { status: 400 });
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = patchSchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  try {
    const r = await registry().auth.updateUser(by, id, parsed.data, requestInfoOf(req));
    if (r === 'ok') return NextResponse.json({ ok: true });
    if (r === 'not_found') return NextResponse.json({ error: 'not_found', problems: ['id: no such user'] }, { status: 404 });
    if (r !== 'self') return NextResponse.json({ error: 'bad_request', problems: r.problems }, { status: 400 });
    return NextResponse.json({ error: 'conflict', message: 'you may not demote or disable your own account' }, { status: 409 });
  } catch {
    return NextResponse.json({ error: 'auth_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
