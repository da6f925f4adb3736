import { NextResponse, type NextRequest } from 'next/server';
import { KPI_FAMILIES, kpiQuerySchema, type KpiFamily } from '../../../../contracts/kpi-query';
import { registry } from '../../../../runtime/registry';

export const dynamic = 'force-dynamic';

/**
 * GET /api/kpi/cases | /api/kpi/documents?from=YYYY-MM-DD&to=YYYY-MM-DD&groupBy=agency&…
 * Every KPI per group, with totals and the previous period (docs/kpi.md). Bad input: 400 naming the field.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ family: string }> }) {
  const { family } = await ctx.params;
  if (!(KPI_FAMILIES as readonly string[]).includes(family))
    return NextResponse.json({ error: 'unknown_family', message: `expected one of ${KPI_FAMILIES.join(', ')}` }, { status: 404 });
  const parsed = kpiQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`);
    return NextResponse.json({ error: 'bad_query', problems }, { status: 400 });
  }
  try {
    return NextResponse.json(await registry().kpiTable(family as KpiFamily, parsed.data));
  } catch {
    return NextResponse.json({ error: 'kpi_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
