/**
 * PostgreSQL text and jsonb cannot hold NUL (U+0000): a body carrying one would reach the database
 * and fail there as a 500. Route handlers ask `nulPath` first and answer 400 naming the field.
 */

/** The path of the first string (or key) holding a NUL, e.g. `layout.scenes.1.title_en`; null when none does. */
export function nulPath(value: unknown, at: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at.join('.') || '(root)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = nulPath(value[i], [...at, String(i)]);
      if (p !== null) return p;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...at, '(a key)'].join('.');
      const p = nulPath(v, [...at, k]);
      if (p !== null) return p;
    }
  }
  return null;
}

export const NUL_PROBLEM = 'NUL character (\\u0000) is not allowed';
