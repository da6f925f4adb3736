import { NextResponse, type NextRequest } from 'next/server';
import { indicatorEditRequestSchema, indicatorIdSchema } from '../../../../../contracts/indicators';
import { registry } from '../../../../../runtime/registry';
import { badRequest, notFound, route } from '../../../handler';
import { audit } from '../../../signed-in';
import { readEdit } from '../../access-check';

export const dynamic = 'force-dynamic';

/**
 * PUT /api/indicators/{source}/{key} {labelVi, labelEn, unit, target, warn}: the signed-in admin's
 * override. The whole record is sent: a field left null follows the indicator's meta, a field set
 * wins over it, also when the meta is delivered again.
 */
export const PUT = route(async (req: NextRequest, ctx: { params: Promise<{ source: string; key: string }> }) => {
  const ids = indicatorIdSchema.safeParse(await ctx.params);
  if (!ids.success) return badRequest(ids.error.issues);
  const edit = await readEdit(req, indicatorEditRequestSchema, 'not allowed to edit indicators');
  if (!edit.ok) return edit.response;
  const saved = await registry().indicators.edit(ids.data.source, ids.data.key, {
    ...edit.data,
    by: edit.editor.displayName,
  });
  if (!saved) return notFound(`no indicator ${ids.data.source}/${ids.data.key} is known`);
  await audit(req, 'indicator.edit', `${ids.data.source}/${ids.data.key}`, { ...saved, after: edit.data });
  return NextResponse.json({ ok: true });
});
