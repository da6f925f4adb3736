/**
 * One HTTP pull connector: poll a page at the stored cursor → read its items as records → write
 * them through the ingest's write path → dead-letter what was refused and move the cursor on
 * (one transaction) → publish the live delta. Pages follow each other at once while the source
 * has more, then every `intervalSeconds`.
 *
 * Cursor policy (docs/connectors.md): the cursor moves only after the page's records committed.
 * A page that cannot be read (not JSON, wrong shape, too large) is dead-lettered once and NOT
 * skipped: its next cursor is unknown, and skipping would lose its records without trace. It is
 * retried with backoff like an outage, so a transient bad answer (a proxy's error page) heals by
 * itself, and a persistent one is visible on /healthz, in metrics and in the dead-letter table.
 * A bad record inside a readable page is dead-lettered and the rest of the page committed.
 */
import type { CityProfile } from '../../contracts/city';
import type { Rejection } from '../../contracts/errors';
import type { IngestCommit } from '../../contracts/live';
import type { Db } from '../../db/adapter';
import {
  advanceConnector,
  initConnectorState,
  readConnectorState,
  recordConnectorError,
} from '../../db/connector-state';
import type { RejectRow } from '../../db/ingest-writes';
import { insertNewRejects } from '../../db/source-rejects';
import type { Logger } from '../../contracts/logger';
import type { IngestRecord } from '../records';
import { toRejectRow } from '../reject-row';
import { agencyIndex } from '../sources/agency';
import { describeProblems, intakeRecord } from '../sources/intake';
import type { ReadOptions } from '../sources/read-record';
import type { PlaceDevice } from '../write-batch';
import { createWriteStage } from '../write-stage';
import type { Connector } from './config-file';
import { fetchPage, type FetchFailure } from './fetch-page';
import { mapItem, sourceLabel } from './map-item';
import type { ConnectorMetrics, PollOutcome } from './metrics';
import { readPage } from './page-shape';

export interface ConnectorDeps {
  db: Db;
  city: CityProfile;
  place: PlaceDevice;
  publish: (commit: IngestCommit) => void;
  log: Logger;
  metrics: ConnectorMetrics;
  now?: () => number;
}

export type ConnectorState = 'starting' | 'ok' | 'failing' | 'stopped';

export interface ConnectorStatus {
  name: string;
  kind: 'cases' | 'documents';
  state: ConnectorState;
  cursor: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Totals since the connector was first started (kept in connector_state). */
  pages: number;
  recordsAccepted: number;
  recordsRejected: number;
  eventsNew: number;
}

export interface RunningConnector {
  status(): ConnectorStatus;
  /** Ends the current wait or request at once; a page being written is committed first. */
  stop(): Promise<void>;
}

type Step =
  { next: 'more' } | { next: 'idle' } | { next: 'retry'; retryAfterMs?: number | undefined } | { next: 'stop' };

const FAILURE_OUTCOME: Readonly<Record<Exclude<FetchFailure, 'stopped' | 'too_large'>, PollOutcome>> = {
  network: 'network',
  timeout: 'timeout',
  http: 'http',
};

export function startConnector(connector: Connector, deps: ConnectorDeps): RunningConnector {
  const cfg = connector.config;
  const { db, city, log, metrics } = deps;
  const now = deps.now ?? Date.now;
  const topic = `connector/${cfg.name}`;
  const label = sourceLabel(cfg);
  const stage = createWriteStage({ db, timeZone: city.timeZone, place: deps.place, publish: deps.publish, now });
  const read: ReadOptions = {
    timeZone: city.timeZone,
    agencies: agencyIndex(city.agencies),
    dateFormat: cfg.dateFormat,
    valueMaps: cfg.values,
    defaults: cfg.defaults,
  };
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': `cityops-connector/${cfg.name}` };
  if (connector.auth) headers[connector.auth.name] = connector.auth.value;
  const stopper = new AbortController();
  const status: ConnectorStatus = {
    name: cfg.name,
    kind: cfg.kind,
    state: 'starting',
    cursor: null,
    lastSuccessAt: null,
    lastError: null,
    consecutiveFailures: 0,
    pages: 0,
    recordsAccepted: 0,
    recordsRejected: 0,
    eventsNew: 0,
  };
  let warnedStuck = false;

  function succeeded(): void {
    if (status.state === 'failing')
      log.info(
        { connector: cfg.name, failures: status.consecutiveFailures },
        `connector ${cfg.name}: source readable again`,
      );
    status.state = 'ok';
    status.lastError = null;
    status.consecutiveFailures = 0;
    status.lastSuccessAt = new Date(now()).toISOString();
    metrics.up(cfg.name, true);
    metrics.success(cfg.name, now());
  }

  /** Logs and records the failure when it is news (a new state or a different kind), not each attempt. */
  async function failed(outcome: PollOutcome, error: string): Promise<void> {
    metrics.poll(cfg.name, outcome);
    metrics.up(cfg.name, false);
    status.consecutiveFailures++;
    const message = `${outcome}: ${error}`;
    const news = status.state !== 'failing' || !status.lastError?.startsWith(`${outcome}:`);
    status.state = 'failing';
    status.lastError = message;
    if (!news) return;
    const what =
      outcome === 'bad_page'
        ? 'page cannot be read'
        : outcome === 'database'
          ? 'database write failed'
          : 'source not available';
    log.warn(
      { connector: cfg.name, outcome, error },
      `connector ${cfg.name}: ${what}; retrying with backoff, cursor kept`,
    );
    if (outcome !== 'database') await recordConnectorError(db, cfg.name, message).catch(() => undefined);
  }

  async function deadLetterPage(bytes: Uint8Array, rejection: Rejection): Promise<void> {
    const row = toRejectRow(topic, bytes, {
      reason: rejection.reason,
      detail: `cursor ${status.cursor ?? '(start)'}: ${rejection.detail}`,
    });
    // Deduplicated: the same bad page retried is dead-lettered once. A failure here is retried with the page.
    const written = await insertNewRejects(db, [row]).catch(() => 0);
    if (written > 0) metrics.rejected(cfg.name, rejection.reason);
  }

  async function pollOnce(): Promise<Step> {
    const url = new URL(cfg.url);
    for (const [k, v] of Object.entries(cfg.request.query)) url.searchParams.set(k, v);
    if (status.cursor !== null) url.searchParams.set(cfg.request.cursorParam, status.cursor);
    if (cfg.request.pageSizeParam) url.searchParams.set(cfg.request.pageSizeParam, String(cfg.pageSize));
    const fetched = await fetchPage(url, {
      headers,
      timeoutMs: cfg.timeoutSeconds * 1000,
      maxBytes: cfg.maxResponseBytes,
      stop: stopper.signal,
    });
    if (!fetched.ok) {
      if (fetched.kind === 'stopped') return { next: 'stop' };
      if (fetched.kind === 'too_large') {
        await deadLetterPage(fetched.partial ?? new Uint8Array(), {
          reason: 'payload_too_large',
          detail: fetched.error,
        });
        await failed('bad_page', fetched.error);
        return { next: 'retry' };
      }
      await failed(FAILURE_OUTCOME[fetched.kind], fetched.error);
      return { next: 'retry', retryAfterMs: fetched.retryAfterMs };
    }
    const page = readPage(fetched.bytes, cfg.response);
    if (!page.ok) {
      await deadLetterPage(fetched.bytes, page.rejection);
      await failed('bad_page', `${page.rejection.reason}: ${page.rejection.detail}`);
      return { next: 'retry' };
    }

    const groups: IngestRecord[][] = [];
    const groupItems: unknown[] = [];
    const rejects: RejectRow[] = [];
    const reasons: Rejection['reason'][] = [];
    const rejectItem = (item: unknown, r: Rejection) => {
      rejects.push(toRejectRow(topic, Buffer.from(JSON.stringify(item) ?? 'null'), r));
      reasons.push(r.reason);
    };
    for (const item of page.items) {
      const mapped = mapItem(item, cfg);
      if (!mapped.ok) {
        rejectItem(item, { reason: 'bad_record', detail: mapped.error });
        continue;
      }
      const r = intakeRecord(cfg.kind, mapped.fields, read, { city: city.id, timeZone: city.timeZone, now: now() });
      if (r.ok) {
        groups.push(r.records);
        groupItems.push(item);
      } else rejectItem(item, { reason: r.reason, detail: describeProblems(r.problems, label) });
    }

    const from = status.cursor;
    const to = page.nextCursor ?? from;
    let eventsNew: number;
    let accepted = groups.length;
    let rejected: number;
    try {
      let moved = true;
      const committed = await stage.commit({
        groups,
        rejects,
        account: true,
        refusedRow: (group, detail) => {
          accepted--;
          reasons.push('invalid_payload');
          return toRejectRow(topic, Buffer.from(JSON.stringify(groupItems[group]) ?? 'null'), {
            reason: 'invalid_payload',
            detail,
          });
        },
        // The cursor moves in the transaction that dead-letters the page's refused records.
        deadLetter: async (_db, rows, counted) => {
          moved = await db.transaction(async (tx) => {
            await insertNewRejects(tx, rows);
            return advanceConnector(tx, cfg.name, {
              from,
              to,
              accepted,
              rejected: rows.length,
              eventsNew: counted.newEvents,
            });
          });
          return moved;
        },
      });
      eventsNew = committed.newEvents;
      rejected = committed.rejects.length;
      if (!moved) {
        // Another worker polls this source too and got further: continue from where it is.
        const current = await readConnectorState(db, cfg.name);
        log.warn(
          { connector: cfg.name },
          `connector ${cfg.name}: cursor moved by another process; continuing from it (run connectors in one worker)`,
        );
        status.cursor = current?.cursor ?? null;
        return { next: 'more' };
      }
    } catch (err) {
      await failed('database', err instanceof Error ? err.message : String(err));
      return { next: 'retry' };
    }
    metrics.poll(cfg.name, 'ok');
    metrics.records(cfg.name, accepted, rejected);
    for (const reason of reasons) metrics.rejected(cfg.name, reason);
    metrics.eventsNew(cfg.name, eventsNew);
    status.cursor = to;
    status.pages++;
    status.recordsAccepted += accepted;
    status.recordsRejected += rejected;
    status.eventsNew += eventsNew;
    succeeded();

    const more = page.hasMore ?? page.items.length >= cfg.pageSize;
    if (more && to === from) {
      // "More" at the same cursor would poll the same page forever: wait for the interval instead.
      if (!warnedStuck)
        log.warn(
          { connector: cfg.name, cursor: to },
          `connector ${cfg.name}: source says there is more but gave no new cursor; polling at the interval`,
        );
      warnedStuck = true;
      return { next: 'idle' };
    }
    return more ? { next: 'more' } : { next: 'idle' };
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (stopper.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        stopper.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopper.signal.addEventListener('abort', done);
    });
  }

  async function run(): Promise<void> {
    const initial = cfg.backoff.initialSeconds * 1000;
    const max = cfg.backoff.maxSeconds * 1000;
    let backoff = initial;
    // The stored cursor first: a restart resumes where the last committed page left off.
    while (!stopper.signal.aborted) {
      try {
        const p = await initConnectorState(db, cfg.name, cfg.kind, cfg.request.initialCursor ?? null);
        Object.assign(status, {
          cursor: p.cursor,
          lastSuccessAt: p.lastSuccessMs === null ? null : new Date(p.lastSuccessMs).toISOString(),
          pages: p.pages,
          recordsAccepted: p.recordsAccepted,
          recordsRejected: p.recordsRejected,
          eventsNew: p.eventsNew,
        });
        log.info(
          { connector: cfg.name, kind: cfg.kind, cursor: p.cursor },
          `connector ${cfg.name}: polling ${new URL(cfg.url).origin}`,
        );
        break;
      } catch (err) {
        await failed('database', err instanceof Error ? err.message : String(err));
        await sleep(backoff);
        backoff = Math.min(backoff * 2, max);
      }
    }
    backoff = initial;
    while (!stopper.signal.aborted) {
      const step = await pollOnce();
      if (step.next === 'stop') break;
      if (step.next === 'more') {
        backoff = initial;
        continue;
      }
      if (step.next === 'idle') {
        backoff = initial;
        await sleep(cfg.intervalSeconds * 1000);
        continue;
      }
      // Honour the source's Retry-After, within the backoff's ceiling.
      await sleep(Math.min(max, Math.max(backoff, step.retryAfterMs ?? 0)));
      backoff = Math.min(backoff * 2, max);
    }
  }

  const running = run().catch((err: unknown) => {
    // Everything above catches its own failures; reaching here is a bug, and it must show.
    log.error({ err, connector: cfg.name }, `connector ${cfg.name} stopped on an unexpected error`);
  });
  metrics.up(cfg.name, false);

  return {
    status: () => ({ ...status }),
    async stop() {
      stopper.abort();
      await running;
      status.state = 'stopped';
    },
  };
}
