import { NextResponse, type NextRequest } from 'next/server';
import { kpiPanelsSchema } from '../../../../contracts/wall';
import { registry } from '../../../../runtime/registry';
import { indicatorEditor } from '../access-check';
import { badRequest, unavailable, zodProblems } from '../problems';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/kpi-panels: the indicator panels placed on /kpi. */
export async function GET() {
  try {
    return NextResponse.json(await registry().indicators.kpiPanels());
  } catch {
    return unavailable();
  }
}

const putSchema = kpiPanelsSchema;

/** PUT /api/indicators/kpi-panels {panels}: the whole list, validated as wall panels are. */
export async function PUT(req: NextRequest) {
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return badRequest(['body: expected JSON']);
  }
  const body = putSchema.safeParse(json);
  if (!body.success) return badRequest(zodProblems(body.error));
  const editor = indicatorEditor(req);
  if (!editor) return NextResponse.json({ error: 'forbidden', message: 'not allowed to edit the KPI page' }, { status: 403 });
  try {
    await registry().indicators.saveKpiPanels({ panels: body.data.panels }, editor.displayName);
    return NextResponse.json({ ok: true });
  } catch {
    return unavailable();
  }
}
