/**
 * A fetched page's bytes → its items, next cursor and has-more flag, found at the configured
 * dotted paths. A page that is not UTF-8 JSON or lacks the shape is a rejection with the
 * MQTT way's reasons where they fit (not_utf8, not_json) and `bad_page` otherwise.
 */
import type { Rejection } from '../../contracts/errors';

export interface PageShape {
  items: string;
  nextCursor: string;
  hasMore?: string | undefined;
}

export type Page =
  | { ok: true; items: unknown[]; nextCursor: string | null; hasMore: boolean | null }
  | { ok: false; rejection: Rejection };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The value at a dotted path (`data.items`, `paging.0.next`); `$` is the value itself. */
export function atPath(value: unknown, path: string): unknown {
  if (path === '$') return value;
  let v: unknown = value;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

export function readPage(bytes: Uint8Array, shape: PageShape): Page {
  const bad = (reason: Rejection['reason'], detail: string): Page => ({ ok: false, rejection: { reason, detail } });
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return bad('not_utf8', 'page bytes are not valid UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return bad(
      'not_json',
      `page is not JSON: ${err instanceof Error ? err.message.slice(0, 200) : 'JSON.parse failed'}`,
    );
  }
  const items = atPath(json, shape.items);
  if (!Array.isArray(items))
    return bad('bad_page', `${shape.items}: expected an array of items, got ${items === null ? 'null' : typeof items}`);
  const next = atPath(json, shape.nextCursor);
  if (
    next !== undefined &&
    next !== null &&
    typeof next !== 'string' &&
    !(typeof next === 'number' && Number.isFinite(next))
  )
    return bad('bad_page', `${shape.nextCursor}: expected the next cursor as a string or number, got ${typeof next}`);
  if (typeof next === 'string' && next.length > 1000)
    return bad('bad_page', `${shape.nextCursor}: cursor longer than 1000 characters`);
  let hasMore: boolean | null = null;
  if (shape.hasMore !== undefined) {
    const h = atPath(json, shape.hasMore);
    if (h !== undefined && h !== null && typeof h !== 'boolean')
      return bad('bad_page', `${shape.hasMore}: expected true or false, got ${typeof h}`);
    hasMore = typeof h === 'boolean' ? h : null;
  }
  return {
    ok: true,
    items,
    nextCursor: next === undefined || next === null || next === '' ? null : String(next),
    hasMore,
  };
}
