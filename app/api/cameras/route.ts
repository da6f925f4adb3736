import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { registry } from '../../../runtime/registry';
import { readQuery, route } from '../handler';

export const dynamic = 'force-dynamic';

const HOUR = 3_600_000;
const querySchema = z.object({
  /** The uptime period: the last `hours` hours (default 24, at most 90 days). */
  hours: z.coerce
    .number()
    .int('expected whole hours')
    .min(1)
    .max(24 * 90)
    .default(24),
});

/** GET /api/cameras?hours=24: every camera (fields in force, its meta, the operator's edits) with its uptime % over the period, and the wards. */
export const GET = route(async (req: NextRequest) => {
  const q = readQuery(req, querySchema);
  if (!q.ok) return q.response;
  const now = Date.now();
  return NextResponse.json(await registry().cameras.list(now - q.data.hours * HOUR, now));
});
