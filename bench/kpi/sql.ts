/** The bench's own SQL (bench/kpi/<name>.sql): data generators, baselines, sensor series. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const cache = new Map<string, string>();

export function benchSql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(import.meta.dirname, `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
