import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, HOUR, localInstant, localTime } from '../clock';
import { inOfficeHours } from '../office-hours';
import type { SimMessage } from '../message';
import { assertWireValid, payloadOf, testModel, TZ } from '../test-fixture';
import { CASE_LOOKBACK_DAYS, caseDay, caseStream } from './cases';

type CaseEvent = {
  case_id: string;
  ts: string;
  event: string;
  level: string;
  channel: string;
  due_at: string;
  procedure_code: string;
  rating?: number;
  online_payment?: boolean;
  digitized?: boolean;
};
const model = testModel();
const MON = localInstant(2025, 9, 8, 0, TZ); // after the reform
const agencyOf = (m: SimMessage): string => m.topic.split('/')[3]!;

/** Complete lifecycles of the dossiers received in `days` days from `start`, grouped by case. */
function lifecycles(start: number, days: number): Map<string, CaseEvent[]> {
  const byCase = new Map<string, CaseEvent[]>();
  for (let d = 0; d < days; d++) {
    for (const e of caseDay(model, start + d * DAY)) {
      const p = payloadOf<CaseEvent>(e.msg);
      byCase.set(p.case_id, [...(byCase.get(p.case_id) ?? []), p]);
    }
  }
  return byCase;
}
const week = lifecycles(MON, 7);
const cases = [...week.values()];

test('every case event of a week passes the schema, none after the window', () => {
  const window = { from: MON, to: MON + 7 * DAY };
  const msgs = [...caseStream(model, true).take(window)];
  assert.ok(msgs.length > 5000);
  for (const c of assertWireValid(msgs, window.to - 1)) assert.ok(c.ts! >= window.from);
});

test('all agencies of the profile publish dossiers, at province and commune level', () => {
  const msgs = [...caseStream(model, false).take({ from: MON, to: MON + 2 * DAY })];
  assert.deepEqual(new Set(msgs.map(agencyOf)), new Set(model.agencies.map((a) => a.id)));
  const levels = new Set(msgs.map((m) => payloadOf<CaseEvent>(m).level));
  assert.deepEqual(levels, new Set(['province', 'commune']));
});

test('each dossier is received, assigned and ends once, in time order', () => {
  const terminal = ['resolved', 'returned', 'withdrawn'];
  for (const events of cases) {
    events.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
    assert.equal(events[0]!.event, 'received');
    assert.equal(events[1]!.event, 'assigned');
    assert.equal(events.filter((e) => terminal.includes(e.event)).length, 1);
    assert.ok(terminal.includes(events[events.length - 1]!.event));
    assert.equal(new Set(events.map((e) => e.due_at)).size, 1);
    assert.ok(Date.parse(events[0]!.due_at) > Date.parse(events[0]!.ts));
  }
});

test('no dossier lives longer than the lookback a live run uses to continue open ones', () => {
  for (const evs of cases) {
    const times = evs.map((e) => Date.parse(e.ts));
    assert.ok(Math.max(...times) - Math.min(...times) < CASE_LOOKBACK_DAYS * DAY, evs[0]!.case_id);
  }
});

test('most dossiers are on time; a minority (10–15 %) late; ratings mostly 4–5', () => {
  const resolved = cases.flatMap((evs) => evs.filter((e) => e.event === 'resolved'));
  const late = resolved.filter((e) => Date.parse(e.ts) > Date.parse(e.due_at)).length / resolved.length;
  assert.ok(late > 0.09 && late < 0.16, `late share ${late}`);
  assert.ok(resolved.length / cases.length > 0.9);
  const ratings = resolved.flatMap((e) => e.rating ?? []);
  assert.ok(ratings.length > resolved.length / 2);
  assert.ok(ratings.filter((r) => r >= 4).length / ratings.length > 0.8);
  for (const evs of cases) for (const e of evs) if (e.event !== 'resolved') assert.equal(e.rating, undefined);
});

test('channel mix ≈ 55 % online, 40 % counter, 5 % postal; supplements ≈ 8 %', () => {
  const share = (ch: string) => cases.filter((evs) => evs[0]!.channel === ch).length / cases.length;
  assert.ok(Math.abs(share('online') - 0.57) < 0.05, `online ${share('online')}`);
  assert.ok(Math.abs(share('counter') - 0.38) < 0.05, `counter ${share('counter')}`);
  assert.ok(share('postal') > 0.02 && share('postal') < 0.08);
  const supplemented = cases.filter((evs) => evs.some((e) => e.event === 'supplement_requested')).length / cases.length;
  assert.ok(supplemented > 0.05 && supplemented < 0.11, `supplements ${supplemented}`);
});

test('volumes follow office hours: counters only when open, weekends quiet', () => {
  const received = cases.map((evs) => evs.find((e) => e.event === 'received')!);
  for (const r of received.filter((e) => e.channel !== 'online')) assert.ok(inOfficeHours(Date.parse(r.ts), TZ), r.ts);
  const weekend = received.filter((r) => [0, 6].includes(localTime(Date.parse(r.ts), TZ).weekday)).length;
  assert.ok(weekend / received.length < 0.06, `weekend share ${weekend / received.length}`);
});

test('before 1 July 2025 commune work was the district’s: level district, district agency ids', () => {
  const from = localInstant(2025, 6, 27, 0, TZ);
  const msgs = [...caseStream(model, false).take({ from, to: from + 7 * DAY })];
  const before = msgs.filter((m) => payloadOf<CaseEvent>(m).level === 'district');
  const after = msgs.filter((m) => payloadOf<CaseEvent>(m).level === 'commune');
  assert.ok(before.length > 100 && after.length > 100);
  for (const m of before) assert.match(agencyOf(m), /^ubnd-(quan|huyen|tp)-/);
  const reform = localInstant(2025, 7, 1, 0, TZ);
  for (const m of before.filter((x) => payloadOf<CaseEvent>(x).event === 'received'))
    assert.ok(Date.parse(payloadOf<CaseEvent>(m).ts) < reform);
  for (const m of after) assert.ok(Date.parse(payloadOf<CaseEvent>(m).ts) >= reform);
});

test('a stream yields the same events however time is cut, and case ids are unique', () => {
  const from = MON + 3 * DAY + 5 * HOUR;
  const whole = [...caseStream(model, true).take({ from, to: from + 2 * DAY })];
  const cut = caseStream(model, true);
  const pieces: SimMessage[] = [];
  for (let t = from; t < from + 2 * DAY; t += 7 * HOUR + 13_000)
    pieces.push(...cut.take({ from: t, to: Math.min(from + 2 * DAY, t + 7 * HOUR + 13_000) }));
  assert.deepEqual(pieces, whole);
  const received = [...week.keys()];
  assert.equal(new Set(received).size, received.length);
});

test('open dossiers stay bounded over weeks of streaming', () => {
  const stream = caseStream(model, true);
  let max = 0;
  for (let t = MON; t < MON + 40 * DAY; t += DAY) {
    for (const _ of stream.take({ from: t, to: t + DAY })) void _;
    max = Math.max(max, stream.pending);
  }
  assert.ok(max < 40_000, `pending peaked at ${max}`);
});
