/**
 * The database-side reference points, without MQTT:
 * - COPY limit: the same rows in one COPY straight into `telemetry` (not idempotent: the ceiling);
 * - unnest insert (db/ingest-writes.ts, what the pipeline uses) vs COPY into a staging table then
 *   INSERT … SELECT … ON CONFLICT DO NOTHING (db/telemetry-copy.ts), on the same batches, each
 *   batch in its own transaction; "fresh" into an emptied table, "replay" the same batches again
 *   (every row a duplicate: what a redelivery costs);
 * - and the pipeline's other per-batch write, touchDevices, on the same batches (devices already known).
 */
import type pg from 'pg';
import type { Queryable, Row } from '../db/adapter';
import { insertTelemetry, touchDevices, type TelemetryRow } from '../db/ingest-writes';
import { copyTelemetry, copyText } from '../db/telemetry-copy';
import type { Backend } from './backends';
import { startCpu } from './cpu';
import { DEVICES, rowsOf } from './messages';
import { rowCount, type Measure } from './support';

const COLUMNS = 'time, device_id, metric, value';

export async function measureCopyLimit(b: Backend, rows: number): Promise<Measure> {
  const conn = await b.connect();
  try {
    await conn.query('TRUNCATE telemetry');
    const text = copyText(rowsOf(rows, Date.now() - rows)); // encoding is not timed: the limit is the database's
    const cpu = await startCpu(async () => ({ postgres: await b.serverPids() }));
    const t0 = performance.now();
    await conn.copy('telemetry', COLUMNS, text);
    const seconds = (performance.now() - t0) / 1000;
    const share = await cpu.stop();
    const stored = await rowCount(conn.query);
    return {
      backend: b.name,
      measure: 'limit: COPY',
      count: rows,
      rate: rows / seconds,
      cpu: share,
      note: `one COPY ${b.name === 'pglite' ? "FROM '/dev/blob'" : 'FROM STDIN (pg-copy-streams)'} into telemetry${stored === rows ? '' : `; CHECK: ${stored} rows stored`}`,
    };
  } finally {
    await conn.close();
  }
}

function queryable(client: pg.Client): Queryable {
  return {
    async query<R extends Row = Row>(sql: string, params?: readonly unknown[]) {
      const res = await client.query<R>(sql, params as unknown[] | undefined);
      return { rows: res.rows, rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

type Write = (client: pg.Client, batch: readonly TelemetryRow[]) => Promise<unknown>;
const WRITES: Record<'unnest insert' | 'COPY-staging', Write> = {
  'unnest insert': (client, batch) => insertTelemetry(queryable(client), batch),
  'COPY-staging': (client, batch) => copyTelemetry(client, batch),
};
/** The other write the pipeline makes for every telemetry batch: last_seen of each device in it. */
const touch: Write = (client, batch) =>
  touchDevices(queryable(client), [
    ...new Map(
      batch.map((r) => [r.deviceId, { deviceType: 'sensor' as const, deviceId: r.deviceId, lastSeenMs: r.timeMs }]),
    ).values(),
  ]);

async function timeBatches(client: pg.Client, batches: readonly TelemetryRow[][], write: Write): Promise<number> {
  const t0 = performance.now();
  for (const batch of batches) {
    await client.query('BEGIN');
    await write(client, batch);
    await client.query('COMMIT');
  }
  return (performance.now() - t0) / 1000;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** PostgreSQL only (copyTelemetry needs node-postgres). Median of `rounds` rounds, the order alternating. */
export async function compareWrites(b: Backend, rows: number, batchSize: number, rounds: number): Promise<Measure[]> {
  const conn = await b.connect();
  try {
    const client = conn.pg;
    if (!client) throw new Error('compareWrites needs PostgreSQL');
    const all = rowsOf(rows, Date.now() - rows);
    const batches = Array.from({ length: Math.ceil(rows / batchSize) }, (_, i) =>
      all.slice(i * batchSize, (i + 1) * batchSize),
    );
    const rates = new Map<string, number[]>();
    const keep = (k: string, seconds: number) => rates.set(k, [...(rates.get(k) ?? []), rows / seconds]);
    for (let round = 0; round < rounds; round++) {
      const order =
        round % 2 === 0 ? (['unnest insert', 'COPY-staging'] as const) : (['COPY-staging', 'unnest insert'] as const);
      for (const name of order) {
        await conn.query('TRUNCATE telemetry');
        keep(`${name}, fresh`, await timeBatches(client, batches, WRITES[name]));
        if ((await rowCount(conn.query)) !== rows) throw new Error(`${name} stored the wrong number of rows`);
        keep(`${name}, replay`, await timeBatches(client, batches, WRITES[name]));
      }
      keep('touchDevices', await timeBatches(client, batches, touch));
    }
    const spread = (k: string) => {
      const xs = rates.get(k)!;
      return `median of ${xs.length}, ${Math.round(Math.min(...xs) / 1000)}k–${Math.round(Math.max(...xs) / 1000)}k`;
    };
    const row = (k: string, note: string): Measure => ({
      backend: b.name,
      measure: `write ${batchSize}/batch: ${k}`,
      count: rows,
      rate: median(rates.get(k)!),
      note: `${note}; ${spread(k)}`,
    });
    const out: Measure[] = [];
    for (const kind of ['fresh', 'replay'] as const) {
      const vs = median(rates.get(`COPY-staging, ${kind}`)!) / median(rates.get(`unnest insert, ${kind}`)!);
      out.push(
        row(
          `unnest insert, ${kind}`,
          `db/ingest-writes.ts, what the pipeline uses; ${kind === 'fresh' ? 'new rows' : 'all duplicates'}`,
        ),
      );
      out.push(row(`COPY-staging, ${kind}`, `db/telemetry-copy.ts: ${vs.toFixed(2)}× the unnest insert`));
    }
    out.push(
      row(
        'touchDevices',
        `devices.last_seen upsert the pipeline also runs per batch (${Math.min(batchSize, DEVICES).toLocaleString('en-US')} devices each)`,
      ),
    );
    return out;
  } finally {
    await conn.close();
  }
}
