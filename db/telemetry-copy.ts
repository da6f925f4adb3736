/**
 * Telemetry written with COPY, kept idempotent: the rows are streamed into a session temp table,
 * then moved with one `INSERT … SELECT … ON CONFLICT DO NOTHING`. COPY straight into `telemetry`
 * would abort the whole batch on the first redelivered reading (COPY has no ON CONFLICT).
 *
 * node-postgres only (PGlite has no COPY FROM STDIN). Not wired into the pipeline:
 * `npm run bench:ingest` compares it with the unnest insert of db/ingest-writes.ts.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { TelemetryRow } from './ingest-writes';

const STAGING = 'telemetry_copy_staging';

// A session temp table emptied at the start of each call rather than `ON COMMIT DROP`/`DELETE ROWS`:
// both of those lose the rows between COPY and INSERT when the caller is not inside a transaction.
const PREPARE = `CREATE TEMP TABLE IF NOT EXISTS ${STAGING} (time timestamptz, device_id text, metric text, value float8);
TRUNCATE ${STAGING}`;
const COPY = `COPY ${STAGING} (time, device_id, metric, value) FROM STDIN`;
const MOVE = `INSERT INTO telemetry (time, device_id, metric, value)
  SELECT time, device_id, metric, value FROM ${STAGING}
  ON CONFLICT DO NOTHING`;

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: backslash, tab, newline and carriage return are escaped. */
export function copyField(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : s;
}

/** Rows as COPY text-format lines (tab-separated, newline-terminated). */
export function copyText(rows: readonly TelemetryRow[]): string {
  let out = '';
  for (const r of rows)
    out += `${new Date(r.timeMs).toISOString()}\t${copyField(r.deviceId)}\t${copyField(r.metric)}\t${r.value}\n`;
  return out;
}

/**
 * Writes the rows; returns how many were new (duplicates of stored readings are skipped).
 * Works inside or outside a transaction; inside one, the staging table's rows are the caller's too.
 */
export async function copyTelemetry(client: pg.PoolClient | pg.Client, rows: readonly TelemetryRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await client.query(PREPARE);
  await pipeline(Readable.from([copyText(rows)]), client.query(copyFrom(COPY)));
  const res = await client.query(MOVE);
  return res.rowCount ?? 0;
}
