import type { NextRequest } from 'next/server';
import { can, type SessionUser } from '../../../contracts/roles';
import { signedInUser } from '../signed-in';

/**
 * Who changes indicators, the wall layout or the KPI page's panels: the signed-in user, when their
 * role may (the console server's guard has refused everyone else already; this keeps the handlers
 * safe on their own). Reading the catalogue is for every signed-in user.
 */
export function indicatorEditor(req: NextRequest): SessionUser | null {
  const user = signedInUser(req);
  return user && can(user.role, 'indicators.edit') ? user : null;
}
