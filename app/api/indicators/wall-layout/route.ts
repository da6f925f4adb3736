import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { wallLayoutSchema } from '../../../../contracts/wall';
import { registry } from '../../../../runtime/registry';
import { indicatorEditor } from '../access-check';
import { badRequest, unavailable, zodProblems } from '../problems';

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
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    return badRequest(['body: expected JSON']);
  }
  const body = putSchema.safeParse(json);
  if (!body.success) return badRequest(zodProblems(body.error));
  const editor = indicatorEditor(req);
  if (!editor) return NextResponse.json({ error: 'forbidden', message: 'not allowed to edit the wall' }, { status: 403 });
  try {
    await registry().indicators.saveWallLayout(body.data.layout, editor.displayName);
    return NextResponse.json({ ok: true });
  } catch {
    return unavailable();
  }
}
