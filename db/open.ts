import path from 'node:path';
import type { Config } from '../contracts/config';
import type { Db } from './adapter';
import { openPglite } from './pglite-adapter';
import { openPostgres } from './pg-adapter';

/** The database the config names: PostgreSQL/TimescaleDB at DATABASE_URL, else embedded PGlite under DATA_DIR. */
export async function openDatabase(config: Config, onError: (err: Error) => void): Promise<Db> {
  if (config.DATABASE_URL) return openPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE, onError);
  return openPglite(path.resolve(config.DATA_DIR, 'pglite'));
}
