import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { registry } from '../../../../runtime/registry';
import { badRequest } from '../../signed-in';

export const dynamic = 'force-dynamic';

const querySchema = z.object({ limit: z.coerce.number().int('expected a whole number').min(1).max(1000).default(200) });

/** GET /api/admin/audit?limit=200: the newest audit entries (admins only, by the guard). The search page is still to come. */
export async function GET(req: NextRequest) {
  const q = querySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(q.error.issues);
  try {
    return NextResponse.json({ entries: await registry().auditRecent(q.data.limit) }, { headers: { 'cache-control': 'no-store' } });
  } catch {
    return NextResponse.json({ error: 'audit_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
