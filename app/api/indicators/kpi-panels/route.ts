import { NextResponse, type NextRequest } from 'next/server';
import { kpiPanelsSchema } from '../../../../contracts/wall';
import { registry } from '../../../../runtime/registry';
import { noQuery, route } from '../../handler';
import { audit } from '../../signed-in';
import { readEdit } from '../access-check';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/kpi-panels: the indicator panels placed on /kpi. */
export const GET = route(async (req: NextRequest) => {
  const refused = noQuery(req);
  if (refused) return refused;
  return NextResponse.json(await registry().indicators.kpiPanels());
});

/** PUT /api/indicators/kpi-panels {panels}: the whole list, validated as wall panels are. */
export const PUT = route(async (req: NextRequest) => {
  const edit = await readEdit(req, kpiPanelsSchema, 'not allowed to edit the KPI page');
  if (!edit.ok) return edit.response;
  const { before } = await registry().indicators.saveKpiPanels({ panels: edit.data.panels }, edit.editor.displayName);
  await audit(req, 'kpi.panels', 'kpi', { before: before.panels, after: edit.data.panels });
  return NextResponse.json({ ok: true });
});
