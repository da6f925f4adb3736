/** The HTTP connectors' stored progress (table connector_state, migration 006). */
import type { Queryable } from './adapter';
import { sql } from './sql';

export interface ConnectorProgress {
  cursor: string | null;
  lastSuccessMs: number | null;
  lastError: string | null;
  pages: number;
  recordsAccepted: number;
  recordsRejected: number;
  eventsNew: number;
}

type ProgressRow = {
  cursor: string | null;
  last_success_ms: number | null;
  last_error: string | null;
  // bigint: node-postgres hands these over as strings
  pages: string | number;
  records_accepted: string | number;
  records_rejected: string | number;
  events_new: string | number;
};

function progress(r: ProgressRow): ConnectorProgress {
  return {
    cursor: r.cursor,
    lastSuccessMs: r.last_success_ms === null ? null : Number(r.last_success_ms),
    lastError: r.last_error,
    pages: Number(r.pages),
    recordsAccepted: Number(r.records_accepted),
    recordsRejected: Number(r.records_rejected),
    eventsNew: Number(r.events_new),
  };
}

/** Creates the row on first start; returns where the connector stands. */
export async function initConnectorState(
  db: Queryable,
  name: string,
  kind: string,
  initialCursor: string | null,
): Promise<ConnectorProgress> {
  const { rows } = await db.query<ProgressRow>(sql('connector-state-init'), [name, kind, initialCursor]);
  return progress(rows[0]!);
}

export async function readConnectorState(db: Queryable, name: string): Promise<ConnectorProgress | null> {
  const { rows } = await db.query<ProgressRow>(sql('connector-state-get'), [name]);
  return rows[0] ? progress(rows[0]) : null;
}

export interface PageDone {
  from: string | null;
  to: string | null;
  accepted: number;
  rejected: number;
  eventsNew: number;
}

/** Moves the cursor from `from` to `to`; false when another worker had moved it first. */
export async function advanceConnector(db: Queryable, name: string, p: PageDone): Promise<boolean> {
  const { rowCount } = await db.query(sql('connector-state-advance'), [
    name,
    p.from,
    p.to,
    p.accepted,
    p.rejected,
    p.eventsNew,
  ]);
  return rowCount === 1;
}

export async function recordConnectorError(db: Queryable, name: string, error: string): Promise<void> {
  await db.query(sql('connector-state-error'), [name, error.slice(0, 1000)]);
}
