import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { caseEvent, documentEvent } from '../test/support/kpi-dataset';
import { applyCaseEvent, caseMilestones, timeliness, type CaseState } from './case-state';
import { applyDocumentEvent, documentMilestones, type DocumentState } from './document-state';

const TZ = 'Asia/Ho_Chi_Minh';
const H = 3_600_000;
const T0 = Date.UTC(2025, 5, 2, 1); // 08:00 in Hải Phòng

test('timeliness: early on an earlier calendar day, on time up to and at the deadline, late after it', () => {
  const due = T0 + 9 * H; // 17:00 local
  assert.equal(timeliness(due, due, TZ), 'on_time');
  assert.equal(timeliness(due - H, due, TZ), 'on_time', 'same day, before the deadline');
  assert.equal(timeliness(due + 1, due, TZ), 'late');
  assert.equal(timeliness(due - 24 * H, due, TZ), 'early');
  // 23:30 local the evening before a 00:30 deadline: an earlier calendar day in the city, so early.
  const dueAfterMidnight = Date.UTC(2025, 5, 2, 17, 30);
  assert.equal(timeliness(dueAfterMidnight - H, dueAfterMidnight, TZ), 'early');
});

const kinds = ['received', 'assigned', 'supplement_requested', 'resolved', 'returned', 'withdrawn'] as const;

test('the dossier fold gives the same state and milestones for any arrival order', () => {
  const eventArb = fc.record({
    event: fc.constantFrom(...kinds),
    hour: fc.integer({ min: 0, max: 200 }),
    agency: fc.constantFrom('a', 'b'),
    channel: fc.constantFrom('online', 'counter'),
    field: fc.option(fc.constantFrom('F1', 'F2'), { nil: null }),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    paid: fc.option(fc.boolean(), { nil: null }),
  });
  fc.assert(
    fc.property(
      fc.uniqueArray(eventArb, { minLength: 1, maxLength: 8, selector: (e) => e.hour }),
      fc.integer(),
      (evs, seed) => {
        const rows = evs.map((e) =>
          caseEvent({
            caseId: 'C',
            agencyId: e.agency,
            event: e.event,
            timeMs: T0 + e.hour * H,
            procedureCode: 'P',
            level: 'commune',
            channel: e.channel,
            dueMs: T0 + 100 * H,
            field: e.field,
            rating: e.rating,
            onlinePayment: e.paid,
          }),
        );
        const shuffled = [...rows].sort((a, b) => ((a.timeMs * 7919 + seed) % 101) - ((b.timeMs * 7919 + seed) % 101));
        const fold = (xs: typeof rows) => xs.reduce<CaseState | null>((s, e) => applyCaseEvent(s, e), null)!;
        const a = fold(rows);
        const b = fold(shuffled);
        assert.deepEqual(b, a);
        assert.deepEqual(caseMilestones(b, TZ), caseMilestones(a, TZ));
      },
    ),
  );
});

test('the document fold gives the same state and milestones for any arrival order', () => {
  const eventArb = fc.record({
    event: fc.constantFrom('registered', 'assigned', 'processed', 'issued'),
    hour: fc.integer({ min: 0, max: 200 }),
    due: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
    signed: fc.option(fc.boolean(), { nil: null }),
  });
  fc.assert(
    fc.property(fc.uniqueArray(eventArb, { minLength: 1, maxLength: 6, selector: (e) => e.hour }), (evs) => {
      const rows = evs.map((e) =>
        documentEvent({
          docId: 'V',
          agencyId: 'a',
          direction: 'incoming',
          event: e.event,
          timeMs: T0 + e.hour * H,
          dueMs: e.due === null ? null : T0 + e.due * H,
          signed: e.signed,
        }),
      );
      const fold = (xs: typeof rows) => xs.reduce<DocumentState | null>((s, e) => applyDocumentEvent(s, e), null)!;
      const a = fold(rows);
      const b = fold([...rows].reverse());
      assert.deepEqual(b, a);
      assert.deepEqual(documentMilestones(b), documentMilestones(a));
    }),
  );
});

test('a dossier first seen through a later event is received then, until its `received` arrives', () => {
  const base = {
    caseId: 'C',
    agencyId: 'a',
    procedureCode: 'P',
    level: 'commune',
    channel: 'online',
    dueMs: T0 + 50 * H,
  };
  const s1 = applyCaseEvent(null, caseEvent({ ...base, event: 'resolved', timeMs: T0 + 10 * H }));
  assert.equal(s1.receivedMs, T0 + 10 * H);
  assert.equal(s1.receivedReported, false);
  const s2 = applyCaseEvent(s1, caseEvent({ ...base, event: 'received', timeMs: T0 + 2 * H }));
  assert.deepEqual(
    [s2.receivedMs, s2.receivedReported, s2.status, s2.resolvedMs],
    [T0 + 2 * H, true, 'resolved', T0 + 10 * H],
  );
});
