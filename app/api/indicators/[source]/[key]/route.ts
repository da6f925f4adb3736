import { NextResponse, type NextRequest } from 'next/server';
import { indicatorEditRequestSchema, indicatorIdSchema } from '../../../../../contracts/indicators';
import { registry } from '../../../../../runtime/registry';
import { indicatorEditor } from '../../access-check';
import { badRequest, notFound, unavailable, zodProblems } from '../../problems';

export const dynamic = 'force-dynamic';

/**
 * PUT /api/indicators/{source}/{key} {by, labelVi, labelEn, unit, target, warn}: an admin's
 * override. The whole record is sent: a field left null follows the indicator's meta, a field set
 * wins over it, also when the meta is delivered again.
 */
export async function PUT(req: NextRequest, ctx: { params: Promise<{ source: string; key: string }> }) {
  const ids = indicatorIdSchema.safeParse(await ctx.params);
  if (!ids.success) return badRequest(zodProblems(ids.error));
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return badRequest(['body: expected JSON']);
  }
  const body = indicatorEditRequestSchema.safeParse(json);
  if (!body.success) return badRequest(zodProblems(body.error));
  const editor = indicatorEditor(req);
  if (!editor) return NextResponse.json({ error: 'forbidden', message: 'not allowed to edit indicators' }, { status: 403 });
  try {
    const saved = await registry().indicators.edit(ids.data.source, ids.data.key, { ...body.data, by: editor.displayName });
    return saved ? NextResponse.json({ ok: true }) : notFound(ids.data.source, ids.data.key);
  } catch {
    return unavailable();
  }
}
