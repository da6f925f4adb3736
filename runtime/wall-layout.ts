import { readFileSync } from 'node:fs';
import path from 'node:path';
import { wallLayoutSchema, type WallLayout } from '../contracts/wall';

/** Reads and validates a wall layout file; a bad file stops the start with the reason. */
export function loadWallLayout(file: string): WallLayout {
  const full = path.resolve(file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(full, 'utf8'));
  } catch (err) {
    throw new Error(`WALL_LAYOUT: cannot read ${full}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = wallLayoutSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `WALL_LAYOUT: ${full}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
