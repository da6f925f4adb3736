import { NextResponse, type NextRequest } from 'next/server';
import { cameraEditSchema, cameraIdSchema } from '../../../../contracts/cameras';
import { registry } from '../../../../runtime/registry';
import { badRequest, jsonBody, problem, route } from '../../handler';
import { cameraEditor } from '../operator-check';
import { audit } from '../../signed-in';

export const dynamic = 'force-dynamic';

/**
 * PUT /api/cameras/{id} {name?, road?, wardCode?, lon?, lat?, streamUrl?}: adds a camera or
 * saves an operator's edit of it. The whole record is sent: a field left empty follows the camera's
 * own meta, a field set wins over it, also when the camera sends its meta again.
 */
export const PUT = route(async (req: NextRequest, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  const cameraId = cameraIdSchema.safeParse(id);
  if (!cameraId.success) return badRequest(cameraId.error.issues, 'id');
  const editor = cameraEditor(req);
  if (!editor) return problem('forbidden', { detail: 'your role may not edit cameras' });
  const read = await jsonBody(req);
  if (!read.ok) return read.response;
  const json = read.value;
  // Who edits is the signed-in user, whatever the body says.
  const body = cameraEditSchema.safeParse(
    json !== null && typeof json === 'object' ? { ...json, by: editor.username } : json,
  );
  if (!body.success) return badRequest(body.error.issues);
  const saved = await registry().cameras.save(cameraId.data, body.data);
  if (!saved.ok) return badRequest(saved.problems);
  const { by: _by, ...fields } = body.data;
  await audit(req, 'camera.edit', cameraId.data, fields);
  return NextResponse.json({ ok: true });
});
