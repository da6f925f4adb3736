/**
 * Today's KPI channels against hand-counted answers: today so far, yesterday up to the same time
 * of day, counts per hour, overdue now, and the ward of commune-level agencies. Both backends.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { queryCaseKpis, queryDocumentKpis } from '../db/kpi-today';
import { startOfLocalDay } from '../db/overview';
import { json, pipelineOn, T } from './support/pipeline';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const TZ = 'Asia/Ho_Chi_Minh';
const H = 3_600_000;
const DAY = 24 * H;
// "Now" is 15:30 yesterday (city time), so every event is in the past for the ingest's clock check.
const day = startOfLocalDay(Date.now(), TZ) - DAY;
const now = day + 15.5 * H;
const at = (dayOffset: number, hours: number) => new Date(day + dayOffset * DAY + hours * H).toISOString();

describe(`today's KPI figures (${BACKEND})`, () => {
  let t: TestDb;
  before(async () => {
    t = await openTestDb();
    const { pipeline } = await pipelineOn(t.db);
    const kase = (agency: string, id: string, event: string, ts: string, extra: Record<string, unknown> = {}) =>
      pipeline.accept(
        T(`case/${agency}/event`),
        json({
          case_id: id,
          ts,
          event,
          procedure_code: '1.001',
          level: 'commune',
          channel: 'online',
          due_at: at(0, 17),
          ...extra,
        }),
      );
    // The day before: two received before 15:30 (one online), one after; two resolved, one late.
    kase('ubnd-11383', 'P1', 'received', at(-1, 9.2));
    kase('ubnd-11383', 'P2', 'received', at(-1, 10.4), { channel: 'counter' });
    kase('ubnd-11383', 'P3', 'received', at(-1, 16));
    kase('ubnd-11383', 'P1', 'resolved', at(-1, 11), { due_at: at(-1, 12) });
    kase('ubnd-11383', 'P2', 'resolved', at(-1, 12), { due_at: at(-1, 11.5) });
    // "Today": three received (two online), one resolved exactly at its deadline (on time).
    kase('ubnd-11383', 'T1', 'received', at(0, 8.1));
    kase('so-tu-phap', 'T2', 'received', at(0, 8.7), { level: 'province' });
    kase('so-tu-phap', 'T3', 'received', at(0, 13), { level: 'province', channel: 'postal' });
    kase('ubnd-11383', 'T1', 'resolved', at(0, 14), { due_at: at(0, 14) });
    // Overdue now: received three days earlier, due yesterday noon, never resolved.
    kase('so-tu-phap', 'O1', 'received', at(-3, 9), { level: 'province', due_at: at(-1, 12) });
    const doc = (id: string, direction: string, event: string, ts: string, extra: Record<string, unknown> = {}) =>
      pipeline.accept(T('document/so-tu-phap/event'), json({ doc_id: id, ts, direction, event, ...extra }));
    doc('D1', 'incoming', 'registered', at(-1, 9), { due_at: at(-1, 17) });
    doc('D1', 'incoming', 'processed', at(-1, 10));
    doc('D2', 'incoming', 'registered', at(0, 9.5), { due_at: at(0, 12) }); // overdue at 15:30
    doc('D3', 'incoming', 'registered', at(0, 9.9), { due_at: at(2, 0) });
    doc('D4', 'outgoing', 'issued', at(0, 11), { signed: true });
    doc('D5', 'outgoing', 'issued', at(0, 12), { signed: false });
    doc('D6', 'outgoing', 'issued', at(-1, 8), { signed: true });
    await pipeline.flush();
    const rejects = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_rejects');
    assert.equal(rejects.rows[0]?.n, 0, 'the fixture is valid');
  });
  after(() => t.drop());

  test('dossiers: today so far, yesterday to the same time, per hour, overdue, by agency with its ward', async () => {
    const k = await queryCaseKpis(t.db, TZ, now);
    assert.deepEqual(k.today, {
      received: 3,
      resolved: 1,
      resolvedOnTime: 1,
      resolvedLate: 0,
      onTimeRate: 1,
      onlineShare: 2 / 3,
      overdueNow: 1,
    });
    assert.deepEqual(k.sameTimeYesterday, {
      received: 2,
      resolved: 2,
      resolvedOnTime: 1,
      resolvedLate: 1,
      onTimeRate: 0.5,
      onlineShare: 0.5,
    });
    const nonzero = (h: number[]) => Object.fromEntries(h.flatMap((n, i) => (n ? [[i, n]] : [])));
    assert.deepEqual(nonzero(k.hourly.received), { 8: 2, 13: 1 });
    assert.deepEqual(nonzero(k.hourly.resolved), { 14: 1 });
    assert.deepEqual(
      nonzero(k.hourly.receivedYesterday),
      { 9: 1, 10: 1, 16: 1 },
      'the whole of yesterday, for the chart',
    );
    assert.deepEqual(nonzero(k.hourly.resolvedYesterday), { 11: 1, 12: 1 });
    assert.equal(k.hourly.received.length, 24);
    const commune = k.byAgency.find((a) => a.agencyId === 'ubnd-11383');
    assert.deepEqual(commune, {
      agencyId: 'ubnd-11383',
      name: 'UBND Phường Lê Chân',
      wardCode: '11383',
      received: 1,
      resolved: 1,
      resolvedLate: 0,
      overdueNow: 0,
    });
    const dept = k.byAgency.find((a) => a.agencyId === 'so-tu-phap');
    assert.equal(dept?.wardCode, null);
    assert.equal(dept?.overdueNow, 1);
  });

  test('documents: today so far, yesterday to the same time, per hour, overdue now', async () => {
    const d = await queryDocumentKpis(t.db, TZ, now);
    assert.deepEqual(d.today, {
      incomingRegistered: 2,
      incomingProcessed: 0,
      outgoingIssued: 2,
      signedShare: 0.5,
      overdueNow: 1,
    });
    assert.deepEqual(d.sameTimeYesterday, {
      incomingRegistered: 1,
      incomingProcessed: 1,
      outgoingIssued: 1,
      signedShare: 1,
    });
    assert.equal(d.hourly.registered[9], 2);
    assert.equal(d.hourly.registeredYesterday[9], 1);
    assert.equal(
      d.hourly.registered.reduce((a, b) => a + b, 0),
      2,
    );
  });
});
