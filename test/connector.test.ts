/**
 * The HTTP pull connector against a small imitation of a one-stop-shop system (node:http): pages
 * since a cursor, a dossier repeated across pages, a page that is not JSON, a record with an
 * impossible date, the credential header, the source going away and coming back, and a restart
 * that resumes from the stored cursor; then the connectors inside the worker (/healthz, /metrics).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { loadConfig } from '../contracts/config';
import type { IngestCommit } from '../contracts/live';
import { parseConnectors, type Connector } from '../ingest/connector/config-file';
import { startConnectors, type Connectors } from '../ingest/connector/connectors';
import { startCityOps, type CityOps } from '../runtime/cityops';
import { createLogger } from '../runtime/logger';
import { freePort } from './support/services';
import { BACKEND, backendEnv, openTestDb, type TestDb } from './support/test-db';
import { city, pipelineOn } from './support/pipeline';

const NAME = 'motcua-test';
const TOKEN = 's3cret-token';

type Item = Record<string, unknown>;
const dossier = (id: string, over: Item = {}): Item => ({
  MaHoSo: id,
  DonVi: { Ma: '000.00.31.H26', Ten: 'Sở Tư pháp' },
  MaTTHC: '1.001193',
  TenTTHC: 'Cấp phiếu lý lịch tư pháp',
  LinhVuc: 'Lý lịch tư pháp',
  KenhNop: 'TRUC_TUYEN',
  NgayTiepNhan: '15/09/2025 08:30',
  HanXuLy: '18/09/2025 17:00',
  TrangThai: '1',
  ThanhToan: true,
  ...over,
});

/** The imitation: a change log read in pages; the cursor is the position in the log. */
class FakeSource {
  readonly changes: Item[] = [];
  readonly requests: { since: string | null; auth: string | undefined }[] = [];
  notJsonOnce = new Set<number>();
  private server: Server | null = null;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const since = url.searchParams.get('since');
      this.requests.push({ since, auth: req.headers.authorization });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid token"}');
        return;
      }
      const from = Number(since ?? 0);
      if (this.notJsonOnce.delete(from)) {
        // What a gateway in front of the real system answers while it restarts: 200 and HTML.
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
        return;
      }
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const items = this.changes.slice(from, from + limit);
      const next = from + items.length;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ data: { items, paging: { next: String(next), more: next < this.changes.length } } }));
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
}

function connectorConfig(port: number, env: Record<string, string>): Connector[] {
  return parseConnectors(
    {
      connectors: [
        {
          name: NAME,
          kind: 'cases',
          url: `http://127.0.0.1:${port}/api/hoso/thay-doi`,
          auth: { header: 'Authorization', valueEnv: 'TEST_MOTCUA_TOKEN', prefix: 'Bearer ' },
          intervalSeconds: 0.05,
          timeoutSeconds: 2,
          backoff: { initialSeconds: 0.02, maxSeconds: 0.1 },
          pageSize: 3,
          request: { cursorParam: 'since', pageSizeParam: 'limit' },
          response: { items: 'data.items', nextCursor: 'data.paging.next', hasMore: 'data.paging.more' },
          dateFormat: 'dd/MM/yyyy',
          fields: {
            case_id: 'MaHoSo',
            agency_id: 'DonVi.Ma',
            procedure_code: 'MaTTHC',
            procedure_name: 'TenTTHC',
            field: 'LinhVuc',
            channel: 'KenhNop',
            received_at: 'NgayTiepNhan',
            due_at: 'HanXuLy',
            resolved_at: 'NgayCoKetQua',
            status: 'TrangThai',
            online_payment: 'ThanhToan',
            rating: 'DanhGia',
          },
          values: {
            agency_id: { '000.00.31.H26': 'so-tu-phap' },
            status: { 1: 'received', 2: 'in_progress', 4: 'resolved', 5: 'returned' },
            channel: { TRUC_TUYEN: 'online', TRUC_TIEP: 'counter' },
          },
        },
      ],
    },
    env,
  );
}

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe(`HTTP pull connector (${BACKEND})`, () => {
  let t: TestDb;
  const source = new FakeSource();
  const commits: IngestCommit[] = [];
  const logLines: { msg: string; level: number }[] = [];
  const log = pino(
    { level: 'info' },
    { write: (line: string) => void logLines.push(JSON.parse(line) as { msg: string; level: number }) },
  );
  let running: Connectors | null = null;
  const env = { TEST_MOTCUA_TOKEN: TOKEN };

  const start = (e: Record<string, string> = env) => {
    running = startConnectors(connectorConfig(source.port, e), {
      db: t.db,
      city,
      place: () => null,
      publish: (c) => commits.push(c),
      log,
      registry: new Registry(),
    });
    return running;
  };
  const status = () => running!.status()[0]!;
  const q = async <R extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await t.db.query<R>(text, params)).rows;
  const storedCursor = async () =>
    (await q<{ cursor: string | null }>('SELECT cursor FROM connector_state WHERE name = $1', [NAME]))[0]?.cursor;
  const caseEvents = async () =>
    (
      await q<{ case_id: string; event: string }>(
        'SELECT case_id, event FROM case_events ORDER BY case_id, time, event',
      )
    ).map((r) => `${r.case_id}:${r.event}`);

  before(async () => {
    t = await openTestDb();
    await pipelineOn(t.db); // migrated and seeded
    await source.start();
  });
  after(async () => {
    await running?.stop();
    await source.stop();
    await t.drop();
  });

  test('a wrong credential is an HTTP error: nothing written, nothing dead-lettered, state failing', async () => {
    source.changes.push(dossier('HS-1'));
    start({ TEST_MOTCUA_TOKEN: 'wrong' });
    await waitFor('a failed poll', () => status().consecutiveFailures >= 2);
    assert.equal(status().state, 'failing');
    assert.match(status().lastError!, /^http: HTTP 401 Unauthorized: \{"error":"invalid token"\}/);
    assert.equal(
      source.requests.at(-1)?.auth,
      'Bearer wrong',
      'the header value comes from the variable the file names',
    );
    await running!.stop();
    assert.equal(status().state, 'stopped');
    assert.deepEqual(await caseEvents(), []);
    assert.equal((await q('SELECT 1 FROM ingest_rejects')).length, 0);
    assert.match(
      (await q<{ last_error: string }>('SELECT last_error FROM connector_state WHERE name = $1', [NAME]))[0]!
        .last_error,
      /401/,
    );
  });

  test('pages are read to the end: duplicates stored once, a non-JSON page retried, a bad record dead-lettered', async () => {
    source.changes.push(
      dossier('HS-2', { KenhNop: 'Trực tiếp' }),
      dossier('HS-3', { TrangThai: '4', NgayCoKetQua: '16/09/2025 10:00', DanhGia: 5 }),
      // page 2 (cursor 3): HS-1 again, now resolved; a record with an impossible date; a returned dossier
      dossier('HS-1', { TrangThai: '4', NgayCoKetQua: '17/09/2025 09:15' }),
      dossier('HS-4', { NgayTiepNhan: '31/02/2025 08:00' }),
      dossier('HS-5', { TrangThai: '5', NgayCoKetQua: '16/09/2025 14:00' }),
      // page 3 (cursor 6): HS-2 repeated unchanged
      dossier('HS-2', { KenhNop: 'Trực tiếp' }),
      dossier('HS-6', { KenhNop: 'TRUC_TIEP' }),
    );
    source.notJsonOnce.add(3);
    const before = source.requests.length;
    start();
    await waitFor('the cursor at the end of the log', async () => (await storedCursor()) === '8');
    assert.equal(status().state, 'ok');
    assert.deepEqual(
      source.requests.slice(before, before + 4).map((r) => r.since),
      [null, '3', '3', '6'],
      'the non-JSON page is asked for again at the same cursor',
    );
    assert.deepEqual(await caseEvents(), [
      'HS-1:received',
      'HS-1:resolved',
      'HS-2:received',
      'HS-3:received',
      'HS-3:resolved',
      'HS-5:received',
      'HS-5:returned',
      'HS-6:received',
    ]);
    const hs3 = await q<{ rating: number; channel: string; agency_id: string; level: string; due_at: Date }>(
      `SELECT rating, channel, agency_id, level, due_at FROM case_events WHERE case_id = 'HS-3' AND event = 'resolved'`,
    );
    assert.equal(hs3[0]?.rating, 5);
    assert.equal(hs3[0]?.agency_id, 'so-tu-phap');
    assert.equal(hs3[0]?.level, 'province', 'the level of a known agency');
    assert.equal(new Date(hs3[0]!.due_at).toISOString(), '2025-09-18T10:00:00.000Z', '17:00 in Hải Phòng');
    const rejects = await q<{ topic: string; reason: string; detail: string; payload: string }>(
      'SELECT topic, reason, detail, payload FROM ingest_rejects ORDER BY id',
    );
    assert.deepEqual(
      rejects.map((r) => [r.topic, r.reason]),
      [
        [`connector/${NAME}`, 'not_json'],
        [`connector/${NAME}`, 'bad_record'],
      ],
    );
    assert.match(rejects[0]!.detail, /^cursor 3: page is not JSON/);
    assert.match(rejects[0]!.payload, /502 Bad Gateway/);
    assert.match(rejects[1]!.detail, /NgayTiepNhan \(received_at\): 31\/02\/2025 08:00:00 is not a real date/);
    assert.equal((JSON.parse(rejects[1]!.payload) as Item).MaHoSo, 'HS-4', 'the source record is kept as it came');
    const state = await q<{
      records_accepted: string;
      records_rejected: string;
      events_new: string;
      last_success_at: Date | null;
      last_error: string | null;
    }>(
      'SELECT records_accepted, records_rejected, events_new, last_success_at, last_error FROM connector_state WHERE name = $1',
      [NAME],
    );
    assert.equal(Number(state[0]!.records_accepted), 7);
    assert.equal(Number(state[0]!.records_rejected), 1);
    assert.equal(Number(state[0]!.events_new), 8);
    assert.ok(state[0]!.last_success_at);
    assert.equal(state[0]!.last_error, null);
    assert.ok(
      commits.some((c) => c.kind === 'batch' && (c.counts.case_event ?? 0) > 0),
      'committed pages are published for the live panels',
    );
    // Polled again at the interval: the last page read again writes nothing and dead-letters nothing twice.
    const polls = source.requests.length;
    await waitFor('a few more polls', () => source.requests.length >= polls + 3);
    assert.equal((await q('SELECT 1 FROM ingest_rejects')).length, 2);
  });

  test('the source going away: state failing, logged once, cursor kept; it comes back and the connector catches up', async () => {
    const warnsBefore = logLines.filter((l) => /source not available/.test(l.msg)).length;
    await source.stop();
    await waitFor('several failed polls', () => status().consecutiveFailures >= 4);
    assert.equal(status().state, 'failing');
    assert.match(status().lastError!, /^network: fetch failed: .*ECONNREFUSED/);
    assert.equal(
      logLines.filter((l) => /source not available/.test(l.msg)).length - warnsBefore,
      1,
      'one log line for the outage, not one per attempt',
    );
    assert.equal(await storedCursor(), '8');
    source.changes.push(dossier('HS-7'), dossier('HS-6', { TrangThai: '4', NgayCoKetQua: '19/09/2025 08:00' }));
    await source.start();
    await waitFor('catching up', async () => (await storedCursor()) === '10');
    assert.equal(status().state, 'ok');
    assert.ok(logLines.some((l) => /source readable again/.test(l.msg)));
    assert.ok((await caseEvents()).includes('HS-6:resolved'));
  });

  test('a restart resumes from the stored cursor without reading everything again', async () => {
    await running!.stop();
    source.changes.push(dossier('HS-8', { TrangThai: '2' }));
    const before = source.requests.length;
    start();
    await waitFor('the new record', async () => (await storedCursor()) === '11');
    assert.equal(source.requests[before]?.since, '10', 'the first request after the restart is at the stored cursor');
    assert.ok(source.requests.slice(before).every((r) => Number(r.since) >= 10));
    assert.ok((await caseEvents()).includes('HS-8:received'));
    assert.equal(status().pages >= 5, true, 'totals survive the restart');
    assert.equal((await q('SELECT 1 FROM ingest_rejects')).length, 2);
  });
});

const documentsConnector = (port: number) => ({
  name: 'qlvb-test',
  kind: 'documents',
  url: `http://127.0.0.1:${port}/api/van-ban-den`,
  auth: { header: 'Authorization', valueEnv: 'TEST_MOTCUA_TOKEN', prefix: 'Bearer ' },
  intervalSeconds: 0.05,
  request: { cursorParam: 'since' },
  response: { items: 'data.items', nextCursor: 'data.paging.next', hasMore: 'data.paging.more' },
  fields: {
    doc_id: 'soKyHieu',
    registered_at: 'ngayDen',
    processed_at: 'ngayXuLyXong',
    due_at: 'hanXuLy',
    urgency: 'doKhan',
    signed: 'kySo',
  },
  defaults: { agency_id: 'so-tu-phap', direction: 'incoming' },
  values: { urgency: { KHAN: 'urgent', THUONG: 'normal' } },
});

describe(`connectors in the ingest worker as npm run ingest starts it (${BACKEND})`, () => {
  const source = new FakeSource();
  const docSource = new FakeSource();
  let ops: CityOps | null = null;
  let cleanup: () => Promise<void>;
  let dir: string;
  let port: number;

  before(async () => {
    source.changes.push(dossier('RT-1'), dossier('RT-2', { TrangThai: '4', NgayCoKetQua: '16/09/2025 10:00' }));
    docSource.changes.push(
      {
        soKyHieu: '125/STP-VP',
        ngayDen: '15/09/2025 08:00',
        hanXuLy: '20/09/2025',
        ngayXuLyXong: '16/09/2025 15:30',
        doKhan: 'KHAN',
        kySo: 'Có',
      },
      { soKyHieu: '126/STP-VP', ngayDen: '15/09/2025 09:00', doKhan: 'THUONG' },
    );
    await source.start();
    await docSource.start();
    dir = mkdtempSync(path.join(tmpdir(), 'cityops-connectors-'));
    const file = path.join(dir, 'connectors.json');
    writeFileSync(
      file,
      JSON.stringify({
        connectors: [
          connectorConfig(source.port, { TEST_MOTCUA_TOKEN: TOKEN })[0]!.config,
          documentsConnector(docSource.port),
        ],
      }),
    );
    // The credential is read from the process environment, as in production.
    process.env.TEST_MOTCUA_TOKEN = TOKEN;
    const b = await backendEnv();
    cleanup = b.cleanup;
    port = await freePort();
    const config = loadConfig({
      ...b.env,
      SIMULATOR: 'off',
      LOG_LEVEL: 'silent',
      INGEST_HTTP_PORT: String(port),
      CONNECTORS_FILE: file,
    });
    ops = await startCityOps(config, city, { ingest: true, console: false, simulator: false }, createLogger('silent'));
  });
  after(async () => {
    await ops?.stop();
    delete process.env.TEST_MOTCUA_TOKEN;
    await source.stop();
    await docSource.stop();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test("/healthz shows each connector's state and cursor, /metrics its counters", async () => {
    const health = async () =>
      (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
        status: string;
        connectors: { name: string; state: string; cursor: string | null; recordsAccepted: number }[];
      };
    await waitFor('the connectors to read their sources', async () =>
      (await health()).connectors.every((c) => c.cursor === '2'),
    );
    const h = await health();
    assert.equal(h.status, 'ok');
    assert.deepEqual(
      h.connectors.map((c) => [c.name, c.state, c.recordsAccepted]),
      [
        [NAME, 'ok', 2],
        ['qlvb-test', 'ok', 2],
      ],
    );
    assert.doesNotMatch(JSON.stringify(h), new RegExp(TOKEN), 'the credential is not on /healthz');
    const docs = await ops!.db.query<{
      doc_id: string;
      event: string;
      agency_id: string;
      direction: string;
      urgency: string;
      due_at: Date | null;
    }>('SELECT doc_id, event, agency_id, direction, urgency, due_at FROM document_events ORDER BY doc_id, time');
    assert.deepEqual(
      docs.rows.map((d) => [d.doc_id, d.event, d.agency_id, d.direction, d.urgency]),
      [
        ['125/STP-VP', 'registered', 'so-tu-phap', 'incoming', 'urgent'],
        ['125/STP-VP', 'processed', 'so-tu-phap', 'incoming', 'urgent'],
        ['126/STP-VP', 'registered', 'so-tu-phap', 'incoming', 'normal'],
      ],
    );
    assert.equal(new Date(docs.rows[0]!.due_at!).toISOString(), '2025-09-20T16:59:59.000Z');
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    assert.match(metrics, new RegExp(`cityops_connector_records_total\\{connector="${NAME}",result="accepted"\\} 2`));
    assert.match(metrics, new RegExp(`cityops_connector_up\\{connector="${NAME}"\\} 1`));
    assert.match(metrics, /cityops_connector_last_success_timestamp_seconds\{connector="motcua-test"\} \d+/);
    const n = await ops!.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_events WHERE case_id LIKE 'RT-%'`,
    );
    assert.equal(n.rows[0]?.n, 3);
    // A clean stop ends the connector's wait and resolves (a hang is the test runner's timeout).
    await ops!.stop();
    ops = null;
  });

  test('a connectors file with a problem stops the start with the problem named', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        connectors: [
          {
            name: 'x',
            kind: 'cases',
            url: 'https://a.example/',
            fields: { case_id: 'id' },
            auth: { header: 'Authorization', valueEnv: 'NOT_SET_ANYWHERE' },
          },
        ],
      }),
    );
    const b = await backendEnv();
    try {
      await assert.rejects(
        startCityOps(
          loadConfig({ ...b.env, SIMULATOR: 'off', LOG_LEVEL: 'silent', INGEST_HTTP_PORT: '0', CONNECTORS_FILE: bad }),
          city,
          { ingest: true, console: false, simulator: false },
          createLogger('silent'),
        ),
        /environment variable NOT_SET_ANYWHERE \(the credential of "x"\) is not set/,
      );
    } finally {
      await b.cleanup();
    }
  });
});
