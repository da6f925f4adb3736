import { NextResponse, type NextRequest } from 'next/server';
import { CASE_DRILLS, DOCUMENT_DRILLS, KPI_FAMILIES, drillQuerySchema, type KpiFamily } from '../../../../../contracts/kpi-query';
import { registry } from '../../../../../runtime/registry';

export const dynamic = 'force-dynamic';

/**
 * GET /api/kpi/cases/records?drill=resolved_late&from=…&to=…[&agency=…&q=<code prefix>&page=1&pageSize=50]
 * The records behind a KPI number (docs/kpi.md). Bad input: 400 naming the field.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ family: string }> }) {
  const { family } = await ctx.params;
  if (!(KPI_FAMILIES as readonly string[]).includes(family))
    return NextResponse.json({ error: 'unknown_family', message: `expected one of ${KPI_FAMILIES.join(', ')}` }, { status: 404 });
  const parsed = drillQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  const drills: readonly string[] = family === 'cases' ? CASE_DRILLS : DOCUMENT_DRILLS;
  if (!parsed.success || !drills.includes(parsed.data.drill)) {
    const problems = parsed.success
      ? [`drill: expected one of ${drills.join(', ')}`]
      : parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`);
    return NextResponse.json({ error: 'bad_query', problems }, { status: 400 });
  }
  try {
    return NextResponse.json(await registry().kpiRecords(family as KpiFamily, parsed.data));
  } catch {
    return NextResponse.json({ error: 'kpi_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
