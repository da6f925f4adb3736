import { readFileSync } from 'node:fs';
import path from 'node:path';

const QUERIES_DIR = path.resolve(import.meta.dirname, 'queries');
const cache = new Map<string, string>();

/** The text of `db/queries/<name>.sql`, read once. SQL lives in .sql files, not in template strings. */
export function sql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(QUERIES_DIR, `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
