import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { kpiQuerySchema } from '../../../../../contracts/kpi-query';
import { registry } from '../../../../../runtime/registry';
import { badRequest, outOfScope, paramNames, route, unauthenticated, unknownParams } from '../../../handler';
import { familyOr404 } from '../../family-route';
import { audit, signedInUser } from '../../../signed-in';

export const dynamic = 'force-dynamic';

const exportSchema = z.object({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  lang: z.enum(['vi', 'en']).default('vi'),
});

/**
 * GET /api/kpi/cases/export?from=…&to=…&format=xlsx|csv&lang=vi|en[&agency=…&level=…]
 * Every KPI per agency and the total, as a file (runtime/kpi-export.ts). A scoped leader's file
 * holds their agencies and the total of their scope; asking for another agency: 403.
 */
export const GET = route(async (req: NextRequest, ctx: { params: Promise<{ family: string }> }) => {
  const family = familyOr404((await ctx.params).family);
  if (family instanceof NextResponse) return family;
  const user = signedInUser(req);
  if (!user) return unauthenticated();
  const params = Object.fromEntries(req.nextUrl.searchParams);
  const { format, lang, ...rest } = params;
  const q = kpiQuerySchema.safeParse({ ...rest, groupBy: 'agency', compare: 'none' });
  const e = exportSchema.safeParse({ format, lang });
  const unknown = unknownParams(req.nextUrl.searchParams, [...paramNames(kpiQuerySchema), ...paramNames(exportSchema)]);
  if (!q.success || !e.success || unknown.length > 0)
    return badRequest(
      [...unknown, ...(q.success ? [] : q.error.issues), ...(e.success ? [] : e.error.issues)],
      '(query)',
    );
  const r = await registry().kpi.exportFile(user, family, q.data, e.data.format, e.data.lang);
  if (!r.ok) return outOfScope(r.outside);
  const file = r.value;
  await audit(req, 'kpi.export', family, {
    query: q.data,
    format: e.data.format,
    ...(user.scope.agencies.length || user.scope.wards.length ? { scope: user.scope } : {}),
  });
  return new NextResponse(new Uint8Array(file.body), {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
    },
  });
});
