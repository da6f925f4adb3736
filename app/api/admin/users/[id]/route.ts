import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../../../auth/password-policy';
import { accountRoleSchema, userScopeSchema } from '../../../../../contracts/roles';
import { registry } from '../../../../../runtime/registry';
import { badRequest, jsonBody, problem, route, unauthenticated } from '../../../handler';
import { requestInfoOf, signedInUser } from '../../../signed-in';

export const dynamic = 'force-dynamic';

const patchSchema = z
  .object({
    role: accountRoleSchema.optional(),
    displayName: z.string().trim().min(1).max(64).optional(),
    disabled: z.boolean().optional(),
    unlock: z.boolean().optional(),
    password: z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).optional(),
    /** The whole new scope (both lists; empty lists: the whole city). */
    scope: userScopeSchema.optional(),
  })
  .strict();

/**
 * PATCH /api/admin/users/{id} {role?, displayName?, disabled?, unlock?, password?, scope?}: a new
 * role or scope, a disabled account or a reset password ends the user's sessions at once. An admin
 * may not demote or disable themselves (409). A scope is for leaders only and must name known
 * agencies and wards (400 naming the others); another role clears it.
 */
export const PATCH = route(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const by = signedInUser(req);
  if (!by) return unauthenticated();
  const id = Number((await ctx.params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return badRequest(['id: expected a user id']);
  const body = await jsonBody(req);
  if (!body.ok) return body.response;
  const parsed = patchSchema.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error.issues);
  const r = await registry().auth.updateUser(by, id, parsed.data, requestInfoOf(req));
  if (r === 'ok') return NextResponse.json({ ok: true });
  if (r === 'not_found') return problem('not_found', { problems: ['id: no such user'] });
  if (r !== 'self') return badRequest(r.problems);
  return problem('conflict', { detail: 'you may not demote or disable your own account' });
});
