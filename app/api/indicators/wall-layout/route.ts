import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { wallLayoutSchema } from '../../../../contracts/wall';
import { registry } from '../../../../runtime/registry';
import { noQuery, route } from '../../handler';
import { audit } from '../../signed-in';
import { readEdit } from '../access-check';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/wall-layout: the wall layout in force (saved from the console, else the WALL_LAYOUT file). */
export const GET = route(async (req: NextRequest) => {
  const refused = noQuery(req);
  if (refused) return refused;
  return NextResponse.json(await registry().indicators.wallLayout());
});

const putSchema = z.object({ layout: wallLayoutSchema });

/**
 * PUT /api/indicators/wall-layout {layout}: saves the whole layout (validated as the file is);
 * /wall shows it from its next load. Lives under /api/indicators because placing an indicator on a
 * scene is what edits it.
 */
export const PUT = route(async (req: NextRequest) => {
  const edit = await readEdit(req, putSchema, 'not allowed to edit the wall');
  if (!edit.ok) return edit.response;
  const { before } = await registry().indicators.saveWallLayout(edit.data.layout, edit.editor.displayName);
  await audit(req, 'wall.layout', before.id, { before, after: edit.data.layout });
  return NextResponse.json({ ok: true });
});
