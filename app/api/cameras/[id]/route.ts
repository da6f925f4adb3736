import { NextResponse, type NextRequest } from 'next/server';
import { cameraEditSchema, cameraIdSchema } from '../../../../contracts/cameras';
import { registry } from '../../../../runtime/registry';
import { cameraEditor } from '../operator-check';
import { audit, jsonBody } from '../../signed-in';
import { badRequest, zodProblems } from '../problems';

export const dynamic = 'force-dynamic';

/**
 * PUT /api/cameras/{id} {name?, road?, wardCode?, lon?, lat?, streamUrl?}: adds a camera or
 * saves an operator's edit of it. The whole record is sent: a field left empty follows the camera's
 * own meta, a field set wins over it, also when the camera sends its meta again.
 */
export async function PUT(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const cameraId = cameraIdSchema.safeParse(id);
  if (!cameraId.success) return badRequest(zodProblems(cameraId.error).map((p) => p.replace(/^\(body\)/, 'id')));
  const editor = cameraEditor(req);
  if (!editor) return NextResponse.json({ error: 'forbidden', message: 'your role may not edit cameras' }, { status: 403 });
  const read = await jsonBody(req);
  if (!read.ok) return read.response;
  const json = read.value;
  // Who edits is the signed-in user, whatever the body says.
  const body = cameraEditSchema.safeParse(json !== null && typeof json === 'object' ? { ...json, by: editor.username } : json);
  if (!body.success) return badRequest(zodProblems(body.error));
  try {
    const saved = await registry().cameras.save(cameraId.data, body.data);
    if (!saved.ok) return badRequest(saved.problems);
    const { by: _by, ...fields } = body.data;
    await audit(req, 'camera.edit', cameraId.data, fields);
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ error: 'cameras_unavailable', message: 'the database did not answer' }, { status: 503 });
  }
}
