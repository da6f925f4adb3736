/**
 * One source item → our record fields, by the connector's field mapping (our field → the
 * source's dotted path). Values stay raw here; `sources/read-record.ts` reads them.
 */
import type { ConnectorConfig } from '../../contracts/connectors';
import { atPath } from './page-shape';

export type MappedItem = { ok: true; fields: Record<string, unknown> } | { ok: false; error: string };

export function mapItem(item: unknown, config: ConnectorConfig): MappedItem {
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    return {
      ok: false,
      error: `item is ${Array.isArray(item) ? 'an array' : item === null ? 'null' : `a ${typeof item}`}, not an object`,
    };
  const fields: Record<string, unknown> = {};
  for (const [field, path] of Object.entries(config.fields)) if (path !== undefined) fields[field] = atPath(item, path);
  return { ok: true, fields };
}

/** How a problem names a field: the source's path first, as the source's people know it. */
export function sourceLabel(config: ConnectorConfig): (field: string) => string {
  const fields = config.fields as Record<string, string | undefined>;
  return (field) => (fields[field] ? `${fields[field]} (${field})` : field);
}
