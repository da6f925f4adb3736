/**
 * Leaders' task KPIs against an independent SQL computation from the raw events, both backends, on
 * a dataset with the edge cases: completed exactly at the deadline, completed early then reopened
 * (and completed again late, or still open past its deadline), a deadline extended before
 * completion (on time against the new one) and after it (still late), a cancelled task, a task
 * assigned before the period, and every event delivered twice. The events come in through the HTTP
 * push, so its validation is exercised as well.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { haiphong } from '../cities/haiphong';
import { migrate } from '../db/migrate';
import { seedCity } from '../db/seed-city';
import { loadWards } from '../geo/wards';
import { scopedKpiService } from '../runtime/kpi-scope';
import { taskService, type TaskService } from '../runtime/task-service';
import type { TaskFigures } from '../contracts/tasks';
import { BACKEND, openTestDb, type TestDb } from './support/test-db';

const D = 86_400_000;
const TOKEN = 'tasks-token-0123456789';
const L1 = 'Chủ tịch UBND thành phố';
const L2 = 'Phó Chủ tịch Lê Văn Quân';

/** The oracle: status, owner and deadline from the raw events with window functions, counted per group. */
const ORACLE = `
WITH ranked AS (
  SELECT task_id, event, time,
         row_number() OVER (PARTITION BY task_id ORDER BY time DESC, CASE event WHEN 'cancelled' THEN 0 WHEN 'reopened' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END) AS rn
    FROM task_events WHERE event IN ('assigned', 'completed', 'reopened', 'cancelled')
), last_status AS (
  SELECT task_id, event AS last_event, time AS last_time FROM ranked WHERE rn = 1
), owner AS (
  SELECT task_id, agency_id, assigned_by, time,
         row_number() OVER (PARTITION BY task_id ORDER BY time DESC) AS rn
    FROM task_events WHERE event = 'assigned'
), first_assigned AS (
  SELECT task_id, min(time) AS assigned_at FROM task_events WHERE event = 'assigned' GROUP BY task_id
), deadline_time AS (
  SELECT s.task_id, max(e.time) AS set_at
    FROM last_status s JOIN task_events e ON e.task_id = s.task_id AND e.event IN ('assigned', 'extended') AND e.due_at IS NOT NULL
   WHERE s.last_event <> 'completed' OR e.time <= s.last_time
   GROUP BY s.task_id
), task AS (
  SELECT f.task_id, o.agency_id, o.assigned_by, s.last_event, s.last_time,
         (SELECT e.due_at FROM task_events e WHERE e.task_id = f.task_id AND e.time = dt.set_at AND e.event IN ('assigned', 'extended') LIMIT 1) AS due
    FROM first_assigned f
    JOIN owner o ON o.task_id = f.task_id AND o.rn = 1
    JOIN last_status s ON s.task_id = f.task_id
    JOIN deadline_time dt ON dt.task_id = f.task_id
   WHERE f.assigned_at >= $1::timestamptz AND f.assigned_at < $2::timestamptz
)
SELECT g.grp, g.k,
       count(*)::int AS assigned,
       sum(CASE WHEN last_event = 'completed' AND last_time <= due THEN 1 ELSE 0 END)::int AS done_on_time,
       sum(CASE WHEN last_event = 'completed' AND last_time > due THEN 1 ELSE 0 END)::int AS done_late,
       sum(CASE WHEN last_event IN ('assigned', 'reopened') AND due < $3::timestamptz THEN 1 ELSE 0 END)::int AS overdue_now,
       sum(CASE WHEN last_event IN ('assigned', 'reopened') AND due >= $3::timestamptz THEN 1 ELSE 0 END)::int AS in_progress,
       sum(CASE WHEN last_event = 'cancelled' THEN 1 ELSE 0 END)::int AS cancelled
  FROM task
  CROSS JOIN LATERAL (VALUES ('all', ''), ('agency', agency_id), ('leader', assigned_by)) AS g(grp, k)
 GROUP BY g.grp, g.k
 ORDER BY g.grp, g.k`;

describe(`leaders' task KPIs (${BACKEND})`, () => {
  let t: TestDb;
  let svc: TaskService;
  const now = Math.floor(Date.now() / 1000) * 1000;
  const base = now - 20 * D;
  const from = base - D;
  const iso = (ms: number) => new Date(ms).toISOString();
  const [A, B] = haiphong.agencies.map((a) => a.id);
  const assigned = (id: string, agency: string, leader: string, at: number, due: number) => ({
    agency,
    task_id: id,
    ts: iso(at),
    event: 'assigned',
    title: `Nhiệm vụ ${id}`,
    assigned_by: leader,
    due_at: iso(due),
    document_ref: 'TB 12/TB-UBND',
  });
  const ev = (id: string, agency: string, event: string, at: number, extra: Record<string, unknown> = {}) => ({
    agency,
    task_id: id,
    ts: iso(at),
    event,
    ...extra,
  });
  const due5 = base + 5 * D;
  const events = [
    assigned('t1', A!, L1, base, due5),
    ev('t1', A!, 'completed', base + 3 * D),
    assigned('t2', A!, L1, base, due5),
    ev('t2', A!, 'completed', due5), // exactly at the deadline: on time
    assigned('t3', A!, L2, base, due5),
    ev('t3', A!, 'completed', base + 6 * D),
    assigned('t4', B!, L1, base, due5),
    ev('t4', B!, 'extended', base + 4 * D, { due_at: iso(base + 10 * D) }),
    ev('t4', B!, 'completed', base + 8 * D),
    assigned('t5', B!, L2, base, due5),
    ev('t5', B!, 'completed', base + 4 * D),
    ev('t5', B!, 'reopened', base + 6 * D),
    ev('t5', B!, 'completed', base + 7 * D),
    assigned('t6', B!, L1, base, due5),
    ev('t6', B!, 'completed', base + 4 * D),
    ev('t6', B!, 'reopened', base + 4.5 * D),
    assigned('t7', A!, L2, base, now + 5 * D),
    ev('t7', A!, 'progress', base + D, { progress_pct: 40 }),
    assigned('t8', A!, L2, base, due5),
    assigned('t9', B!, L1, base, due5),
    ev('t9', B!, 'cancelled', base + 2 * D),
    assigned('t10', A!, L1, base, due5),
    ev('t10', A!, 'completed', base + 6 * D),
    ev('t10', A!, 'extended', base + 7 * D, { due_at: iso(base + 10 * D) }),
    assigned('t11', A!, L1, base - 30 * D, base - 25 * D), // before the period
  ];

  before(async () => {
    t = await openTestDb();
    await migrate(t.db);
    await seedCity(t.db, haiphong, loadWards(haiphong));
    svc = taskService({
      db: t.db,
      city: haiphong,
      tokens: [{ name: 'tasks', token: TOKEN }],
      publish: () => undefined,
      now: () => now,
    });
    for (let i = 0; i < 2; i++) {
      const a = await svc.push(`Bearer ${TOKEN}`, JSON.stringify({ events }));
      assert.equal(a.status, 200, JSON.stringify(a.body));
    }
  });
  after(() => t.drop());

  test('the KPIs of the edge cases, by hand', async () => {
    const k = await svc.kpis(from, now + 1);
    const want: TaskFigures = { assigned: 10, doneOnTime: 3, doneLate: 3, overdueNow: 2, inProgress: 1, cancelled: 1 };
    assert.deepEqual(k.all, want);
    const byLeader = Object.fromEntries(
      k.byLeader.map((l) => [l.leader, [l.assigned, l.doneOnTime, l.doneLate, l.overdueNow]]),
    );
    assert.deepEqual(byLeader, { [L1]: [6, 3, 1, 1], [L2]: [4, 0, 2, 1] });
    const records = async (bucket: 'on_time' | 'late' | 'overdue', agency: string | null = null) =>
      (await svc.records({ fromMs: from, toMs: now + 1, agency, leader: null, bucket, limit: 100 }))
        .map((r) => r.taskId)
        .sort();
    assert.deepEqual(await records('on_time'), ['t1', 't2', 't4']);
    assert.deepEqual(await records('late'), ['t10', 't3', 't5']);
    assert.deepEqual(await records('overdue'), ['t6', 't8']);
    assert.deepEqual(await records('on_time', B!), ['t4']);
    const t4 = (
      await svc.records({ fromMs: from, toMs: now + 1, agency: null, leader: null, bucket: 'all', limit: 100 })
    ).find((r) => r.taskId === 't4')!;
    assert.deepEqual([t4.extensions, t4.dueAtMs, t4.firstDueAtMs, t4.status], [1, base + 10 * D, due5, 'done']);
  });

  test('every figure equals the independent SQL computation', async () => {
    const k = await svc.kpis(from, now + 1);
    const { rows } = await t.db.query<Record<string, unknown>>(ORACLE, [iso(from), iso(now + 1), iso(now)]);
    const row = (f: TaskFigures) => [f.assigned, f.doneOnTime, f.doneLate, f.overdueNow, f.inProgress, f.cancelled];
    const oracle = rows.map((r) => [
      r.grp,
      r.k,
      r.assigned,
      r.done_on_time,
      r.done_late,
      r.overdue_now,
      r.in_progress,
      r.cancelled,
    ]);
    const ours = [
      ...k.byAgency.map((a) => ['agency', a.agencyId, ...row(a)]),
      ['all', '', ...row(k.all)],
      ...k.byLeader.map((l) => ['leader', l.leader, ...row(l)]),
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
    assert.deepEqual(ours, oracle);
    // The task assigned before the period is in a period that holds it.
    assert.equal((await svc.kpis(base - 31 * D, base - D)).all.assigned, 1);
  });

  test("a leader scoped to one agency gets that agency's figures and tasks only; another agency is refused", async () => {
    const scoped = scopedKpiService(t.db, haiphong.timeZone, () => now);
    const leader = { username: 'lead-a', scope: { agencies: [A!], wards: [] } };
    const city = await svc.kpis(from, now + 1);
    const mine = await scoped.taskKpis(leader, from, now + 1);
    const { agencyId: _a, name: _n, ...figuresOfA } = city.byAgency.find((r) => r.agencyId === A)!;
    assert.deepEqual(mine.all, figuresOfA);
    assert.deepEqual(
      mine.byAgency.map((r) => r.agencyId),
      [A],
    );
    assert.ok(mine.all.assigned < city.all.assigned);
    const tasks = await scoped.taskRecords(leader, {
      fromMs: from,
      toMs: now + 1,
      agency: null,
      leader: null,
      bucket: 'all',
      limit: 100,
    });
    assert.ok(tasks.ok && tasks.value.length === figuresOfA.assigned && tasks.value.every((r) => r.agencyId === A));
    assert.deepEqual(
      await scoped.taskRecords(leader, {
        fromMs: from,
        toMs: now + 1,
        agency: B!,
        leader: null,
        bucket: 'all',
        limit: 100,
      }),
      { ok: false, outside: [B] },
    );
  });

  test('the push refuses an assignment without a deadline and a bad token, naming the field', async () => {
    const a = await svc.push(
      `Bearer ${TOKEN}`,
      JSON.stringify({
        events: [{ agency: A, task_id: 'x', ts: iso(now), event: 'assigned', title: 'X', assigned_by: L1 }],
      }),
    );
    assert.equal(a.status, 400);
    assert.deepEqual(a.status === 400 ? a.body.problems : [], ['events.0.due_at: required when the event is assigned']);
    const rej = await t.db.query<{ topic: string }>(`SELECT topic FROM ingest_rejects ORDER BY id DESC LIMIT 1`);
    assert.equal(rej.rows[0]?.topic, `push/tasks/task/${A}/event`);
    assert.equal((await svc.push('Bearer wrong-token-00000000', '{}')).status, 401);
  });
});
