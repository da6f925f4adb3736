import type { NextRequest, NextResponse } from 'next/server';
import type { z } from 'zod';
import { can, type SessionUser } from '../../../contracts/roles';
import { badRequest, jsonBody, problem } from '../handler';
import { signedInUser } from '../signed-in';

/**
 * Who changes indicators, the wall layout or the KPI page's panels: the signed-in user, when their
 * role may (the console server's guard has refused everyone else already; this keeps the handlers
 * safe on their own). Reading the catalogue is for every signed-in user.
 */
export function indicatorEditor(req: NextRequest): SessionUser | null {
  const user = signedInUser(req);
  return user && can(user.role, 'indicators.edit') ? user : null;
}

/**
 * An admin's change, read once for every editing route: the body as JSON, validated by `schema`
 * (400 naming each field), then the editor (403 saying `refused`).
 */
export async function readEdit<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
  refused: string,
): Promise<{ ok: true; editor: SessionUser; data: z.output<S> } | { ok: false; response: NextResponse }> {
  const read = await jsonBody(req);
  if (!read.ok) return read;
  const json = read.value;
  const body = schema.safeParse(json);
  if (!body.success) return { ok: false, response: badRequest(body.error.issues) };
  const editor = indicatorEditor(req);
  if (!editor) return { ok: false, response: problem('forbidden', { detail: refused }) };
  return { ok: true, editor, data: body.data };
}
