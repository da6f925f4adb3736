import type { NextRequest } from 'next/server';
import { can, type SessionUser } from '../../../contracts/roles';
import { signedInUser } from '../signed-in';

/**
 * Who changes the camera registry: the signed-in user, when their role may edit cameras (the
 * console server's guard has refused everyone else already; this keeps the handler safe on its own).
 */
export function cameraEditor(req: NextRequest): SessionUser | null {
  const user = signedInUser(req);
  return user && can(user.role, 'cameras.edit') ? user : null;
}
