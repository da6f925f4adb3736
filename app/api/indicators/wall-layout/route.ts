import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { wallLayoutSchema } from '../../../../contracts/wall';
import { registry } from '../../../../runtime/registry';
import { audit } from '../../signed-in';
import { readEdit } from '../access-check';
import { unavailable } from '../problems';

export const dynamic = 'force-dynamic';

/** GET /api/indicators/wall-layout: the wall layout in force (saved from the console, else the WALL_LAYOUT file). */
export async function GET() {
  try {
    return NextResponse.json(await registry().indicators.wallLayout());
  } catch {
    return unavailable();
  }
}

const putSchema = z.object({ layout: wallLayoutSchema });

/**
 * PUT /api/indicators/wall-layout {layout}: saves the whole layout (validated as the file is);
 * /wall shows it from its next load. Lives under /api/indicators because placing an indicator on a
 * scene is what edits it.
 */
export async function PUT(req: NextRequest) {
  const edit = await readEdit(req, putSchema, 'not allowed to edit the wall');
  if (!edit.ok) return edit.response;
  try {
    const { before } = await registry().indicators.saveWallLayout(edit.data.layout, edit.editor.displayName);
    await audit(req, 'wall.layout', before.id, { before, after: edit.data.layout });
    return NextResponse.json({ ok: true });
  } catch {
    return unavailable();
  }
}
