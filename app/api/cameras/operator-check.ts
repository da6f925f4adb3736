import type { NextRequest } from 'next/server';

/**
 * The single place where a camera registry change is allowed or refused. Sign-in does not exist yet
 * (issue #8): the console sends the name the operator typed (as /alarms does) and every change is
 * allowed; the security issue replaces this with the signed-in user and their role.
 */
export function mayEditCameras(_req: NextRequest, _by: string): boolean {
  return true;
}
