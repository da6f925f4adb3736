import { NextResponse, type NextRequest } from 'next/server';
import { auditQueryInput, auditQuerySchema } from '../../../../contracts/audit';
import { registry } from '../../../../runtime/registry';
import { badRequest, paramNames, route, unknownParams } from '../../handler';

export const dynamic = 'force-dynamic';

/**
 * GET /api/admin/audit?from&to&actor&action=…&action=…&target&ip&q&cursor&limit (admins only, by
 * the guard): the audit trail — the audit log and the alarm rules' own transitions — newest first,
 * `limit` rows (50; at most 1000) after `cursor` (the `next` of the page before), with the number of
 * all matching rows. Times: ISO 8601 with offset or epoch ms. 400 names each field at fault.
 */
export const GET = route(async (req: NextRequest) => {
  const unknown = unknownParams(req.nextUrl.searchParams, paramNames(auditQuerySchema));
  const q = auditQuerySchema.safeParse(auditQueryInput(req.nextUrl.searchParams));
  if (!q.success || unknown.length > 0)
    return badRequest([...unknown, ...(q.success ? [] : q.error.issues)], '(query)');
  return NextResponse.json(await registry().auditSearch(q.data), { headers: { 'cache-control': 'no-store' } });
});
