/**
 * A dossier and document dataset for the KPI tests: hand-made edge cases with known answers, plus
 * a seeded random population, delivered the hard way — shuffled, duplicated, split across batches
 * so that events of one record arrive out of order in different transactions.
 */
import type { CaseEventRow, DocumentEventRow } from '../../db/ingest-writes';
import { mulberry32 } from '../../sim/rng';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;

export interface Dataset {
  cases: CaseEventRow[];
  documents: DocumentEventRow[];
}

type CaseEv = Omit<CaseEventRow, 'extra' | 'procedureName' | 'field' | 'onlinePayment' | 'digitized' | 'rating'> &
  Partial<Pick<CaseEventRow, 'procedureName' | 'field' | 'onlinePayment' | 'digitized' | 'rating'>>;

export const caseEvent = (e: CaseEv): CaseEventRow => ({
  procedureName: null,
  field: null,
  onlinePayment: null,
  digitized: null,
  rating: null,
  extra: null,
  ...e,
});

type DocEv = Omit<DocumentEventRow, 'extra' | 'dueMs' | 'signed' | 'eExchange' | 'urgency'> &
  Partial<Pick<DocumentEventRow, 'dueMs' | 'signed' | 'eExchange' | 'urgency'>>;

export const documentEvent = (e: DocEv): DocumentEventRow => ({
  dueMs: null,
  signed: null,
  eExchange: null,
  urgency: null,
  extra: null,
  ...e,
});

const PROCEDURES = [
  { code: '1.001', field: 'Hộ tịch' },
  { code: '1.002', field: 'Hộ tịch' },
  { code: '2.101', field: 'Đất đai' },
  { code: '2.102', field: 'Đất đai' },
  { code: '3.201', field: 'Xây dựng' },
  { code: '4.301', field: 'Kinh doanh' },
];
const AGENCIES = [
  { id: 'so-tp', level: 'province' },
  { id: 'so-xd', level: 'province' },
  { id: 'ubnd-a', level: 'commune' },
  { id: 'ubnd-b', level: 'commune' },
  { id: 'ubnd-c', level: 'district' },
];
const CHANNELS = ['counter', 'online', 'postal'];

/**
 * `days` local days of history ending at `dayStart + days * DAY` (day 0 starts at `dayStart`, a
 * local midnight); `nowMs` is inside the last day. Every event is before `nowMs`.
 */
export function randomDataset(
  seed: number,
  dayStart: number,
  days: number,
  nowMs: number,
  dossiers: number,
  docs: number,
): Dataset {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const cases: CaseEventRow[] = [];
  for (let i = 0; i < dossiers; i++) {
    const caseId = `R${seed}-${i}`;
    const agency = pick(AGENCIES);
    const proc = pick(PROCEDURES);
    const channel = pick(CHANNELS);
    // Whole minutes, so no two events of a dossier share an instant unless a case wants it.
    const received = dayStart + Math.floor((rnd() * (nowMs - dayStart - 2 * H)) / MIN) * MIN;
    // Deadlines: some at 17:00 local on a later day, some at an exact minute a few hours on.
    const due = chance(0.5)
      ? received + Math.floor((rnd() * 6 * DAY) / MIN) * MIN + H
      : dayStart + (Math.floor((received - dayStart) / DAY) + 1 + Math.floor(rnd() * 5)) * DAY + 10 * H;
    const base = {
      caseId,
      agencyId: agency.id,
      procedureCode: proc.code,
      field: chance(0.9) ? proc.field : null,
      level: agency.level,
      channel,
      dueMs: due,
      onlinePayment: channel === 'online' ? chance(0.6) : null,
      digitized: chance(0.7) ? chance(0.8) : null,
    };
    let t = received;
    const at = (ms: number) => Math.min(ms, nowMs - MIN);
    if (!chance(0.05)) cases.push(caseEvent({ ...base, timeMs: t, event: 'received' })); // 5 %: first seen at assignment
    t = at(t + (5 + Math.floor(rnd() * 600)) * MIN);
    cases.push(caseEvent({ ...base, timeMs: t, event: 'assigned' }));
    if (chance(0.15)) {
      t = at(t + (10 + Math.floor(rnd() * 900)) * MIN);
      cases.push(caseEvent({ ...base, timeMs: t, event: 'supplement_requested' }));
      if (chance(0.3)) {
        t = at(t + (10 + Math.floor(rnd() * 300)) * MIN);
        cases.push(caseEvent({ ...base, timeMs: t, event: 'supplement_requested' }));
      }
    }
    const outcome = rnd();
    const end = outcome < 0.05 ? 'withdrawn' : outcome < 0.09 ? 'returned' : outcome < 0.8 ? 'resolved' : 'open';
    if (end === 'open') continue;
    // Resolution: before, exactly at, or after the deadline — some after it had long been overdue.
    const r = rnd();
    let endAt =
      r < 0.1
        ? due
        : r < 0.7
          ? t + Math.floor((rnd() * Math.max(MIN, due - t)) / MIN) * MIN
          : due + Math.floor((rnd() * 4 * DAY) / MIN) * MIN;
    endAt = Math.max(endAt, t + MIN);
    if (endAt >= nowMs) continue; // not yet: stays open
    cases.push(
      caseEvent({
        ...base,
        timeMs: endAt,
        event: end,
        rating: end === 'resolved' && chance(0.6) ? 1 + Math.floor(rnd() * 5) : null,
      }),
    );
  }

  const documents: DocumentEventRow[] = [];
  for (let i = 0; i < docs; i++) {
    const docId = `D${seed}-${i}`;
    const agency = pick(AGENCIES);
    const direction = chance(0.6) ? 'incoming' : 'outgoing';
    const registered = dayStart + Math.floor((rnd() * (nowMs - dayStart - 2 * H)) / MIN) * MIN;
    const due = chance(0.8) ? registered + Math.floor((rnd() * 5 * DAY) / MIN) * MIN : null;
    const base = {
      docId,
      agencyId: agency.id,
      direction,
      urgency: chance(0.1) ? 'urgent' : chance(0.5) ? 'normal' : null,
    };
    if (!chance(0.05))
      documents.push(
        documentEvent({ ...base, timeMs: registered, event: 'registered', dueMs: due, eExchange: chance(0.7) }),
      );
    const assigned = registered + (5 + Math.floor(rnd() * 300)) * MIN;
    if (assigned < nowMs)
      documents.push(documentEvent({ ...base, timeMs: assigned, event: 'assigned', dueMs: chance(0.2) ? due : null }));
    if (chance(0.8)) {
      const done = assigned + Math.floor((rnd() * 6 * DAY) / MIN) * MIN;
      if (done < nowMs)
        documents.push(
          documentEvent({
            ...base,
            timeMs: done,
            event: direction === 'incoming' ? 'processed' : 'issued',
            signed: chance(0.8),
            eExchange: chance(0.6),
          }),
        );
    }
  }
  return { cases, documents };
}

/** Shuffles, duplicates ~10 % of events and cuts the stream into batches of random sizes. */
export function deliveries<T>(seed: number, events: readonly T[], maxBatch: number): T[][] {
  const rnd = mulberry32(seed);
  const all = [...events];
  for (const e of events) if (rnd() < 0.1) all.push(e);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const out: T[][] = [];
  for (let i = 0; i < all.length;) {
    const n = 1 + Math.floor(rnd() * maxBatch);
    out.push(all.slice(i, i + n));
    i += n;
  }
  return out;
}
