import { NextResponse, type NextRequest } from 'next/server';
import { kpiPanelsSchema } from '../../../../contracts/wall';
import { registry } from '../../../../runtime/registry';
import { audit } from '../../signed-in';
import { readEdit } from '../access-check';
import { unavailable } from '../problems';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/kpi-panels: the indicator panels placed on /kpi. */
export async function GET() {
  try {
    return NextResponse.json(await registry().indicators.kpiPanels());
  } catch {
    return unavailable();
  }
}

/** PUT /api/indicators/kpi-panels {panels}: the whole list, validated as wall panels are. */
export async function PUT(req: NextRequest) {
  const edit = await readEdit(req, kpiPanelsSchema, 'not allowed to edit the KPI page');
  if (!edit.ok) return edit.response;
  try {
    const { before } = await registry().indicators.saveKpiPanels({ panels: edit.data.panels }, edit.editor.displayName);
    await audit(req, 'kpi.panels', 'kpi', { before: before.panels, after: edit.data.panels });
    return NextResponse.json({ ok: true });
  } catch {
    return unavailable();
  }
}
