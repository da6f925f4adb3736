import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { registry } from '../../../runtime/registry';
import { badRequest, zodProblems } from './problems';

export const dynamic = 'force-dynamic';

const HOUR = 3_600_000;
const querySchema = z.object({
  /** The uptime period: the last `hours` hours (default 24, at most 90 days). */
  hours: z.coerce.number().int('expected whole hours').min(1).max(24 * 90).default(24),
});

/** GET /api/cameras?hours=24: every camera (fields in force, its meta, the operator's edits) with its uptime % over the period, and the wards. */
export async function GET(req: NextRequest) {
  const q = querySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) return badRequest(zodProblems(q.error));
  const now = Date.now();
  try {
    return NextResponse.json(await registry().cameras.list(now - q.data.hours * HOUR, now));
  } catch {
    return NextResponse.json({ error: 'cameras_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
