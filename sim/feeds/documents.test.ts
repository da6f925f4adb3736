import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY, localInstant } from '../clock';
import { inOfficeHours } from '../office-hours';
import { assertWireValid, payloadOf, testModel, TZ } from '../test-fixture';
import { DOCUMENT_LOOKBACK_DAYS, documentDay, documentStream } from './documents';

type DocEvent = {
  doc_id: string;
  ts: string;
  direction: string;
  event: string;
  due_at?: string;
  signed?: boolean;
  e_exchange?: boolean;
  urgency?: string;
};
const model = testModel();
const MON = localInstant(2025, 10, 6, 0, TZ);

const byDoc = new Map<string, DocEvent[]>();
for (let d = 0; d < 7; d++) {
  for (const e of documentDay(model, MON + d * DAY)) {
    const p = payloadOf<DocEvent>(e.msg);
    byDoc.set(p.doc_id, [...(byDoc.get(p.doc_id) ?? []), p]);
  }
}
const docs = [...byDoc.values()].map((evs) => evs.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts)));

test('every document event of a week passes the schema, none after the window', () => {
  const window = { from: MON, to: MON + 7 * DAY };
  const msgs = [...documentStream(model, true).take(window)];
  assert.ok(msgs.length > 1000);
  for (const c of assertWireValid(msgs, window.to - 1)) assert.ok(c.ts! >= window.from);
  assert.deepEqual(new Set(msgs.map((m) => m.topic.split('/')[3])), new Set(model.agencies.map((a) => a.id)));
});

test('incoming: registered → assigned → processed; outgoing: registered → issued', () => {
  for (const evs of docs) {
    const names = evs.map((e) => e.event);
    if (evs[0]!.direction === 'incoming') assert.deepEqual(names, ['registered', 'assigned', 'processed']);
    else assert.deepEqual(names, ['registered', 'issued']);
    assert.ok(inOfficeHours(Date.parse(evs[0]!.ts), TZ), `registered out of hours: ${evs[0]!.ts}`);
    assert.ok(
      Date.parse(evs[evs.length - 1]!.ts) - Date.parse(evs[0]!.ts) < DOCUMENT_LOOKBACK_DAYS * DAY,
      evs[0]!.doc_id,
    );
  }
});

test('outgoing documents are mostly signed digitally and exchanged electronically', () => {
  const out = docs.filter((evs) => evs[0]!.direction === 'outgoing').map((evs) => evs[1]!);
  const share = (f: (e: DocEvent) => boolean) => out.filter(f).length / out.length;
  assert.ok(share((e) => e.signed === true) > 0.85);
  assert.ok(share((e) => e.e_exchange === true) > 0.8);
});

test('incoming deadlines: urgent ones are short, a minority is processed late', () => {
  const incoming = docs.filter((evs) => evs[0]!.direction === 'incoming');
  const withDue = incoming.filter((evs) => evs[0]!.due_at);
  assert.ok(withDue.length > incoming.length / 2 && withDue.length < incoming.length);
  const late = withDue.filter((evs) => Date.parse(evs[2]!.ts) > Date.parse(evs[2]!.due_at!)).length / withDue.length;
  assert.ok(late > 0.03 && late < 0.15, `late ${late}`);
  for (const evs of incoming.filter((e) => e[0]!.urgency === 'flash'))
    assert.ok(Date.parse(evs[0]!.due_at!) - Date.parse(evs[0]!.ts) <= DAY);
});
