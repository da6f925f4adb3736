/**
 * Public-service dossiers (hồ sơ thủ tục hành chính), one lifecycle each:
 * received → assigned → (supplement_requested) → resolved | returned | withdrawn.
 * Volumes follow office hours (counter and post only when the one-stop shop is open,
 * online any time); most dossiers finish early or on time, 10–15 % late, like the
 * real-time public-service index shows for a good province.
 */
import type { Agency } from '../../contracts/city';
import { topics } from '../../contracts/mqtt/topics';
import type { CityModel } from '../city-model';
import { DAY, HOUR, isoLocal, localDateCode, localTime, MINUTE } from '../clock';
import { DayStream, KEEP_ALL, type KeepFilter, type LifecycleEvent } from '../day-stream';
import { agencyAt } from '../former-districts';
import {
  isWorkingDay,
  nextOfficeMoment,
  officeDelay,
  sampleOfficeHour,
  sampleOnlineHour,
  addWorkingDays,
} from '../office-hours';
import { proceduresFor } from '../procedures';
import { hash32, rngFor, unitHash, type Rng } from '../rng';

export type Channel = 'online' | 'counter' | 'postal';
type CaseEventName = 'received' | 'assigned' | 'supplement_requested' | 'resolved' | 'returned' | 'withdrawn';

/** Longest dossier life: 20 working days (~4 weeks), a late overrun of up to 60 % and a weekend (tested). */
export const CASE_LOOKBACK_DAYS = 50;
const CHANNEL_SHARE: Readonly<Record<Channel, number>> = { online: 0.55, counter: 0.4, postal: 0.05 };

/** Mean dossiers per working day for an agency: departments and communes differ, and so do agencies. */
export function dailyCaseVolume(model: CityModel, agency: Agency): number {
  const u = unitHash(model.seed, 'case-volume', agency.id);
  return agency.level === 'province' ? 30 + 90 * u : 40 + 70 * u;
}

/** Every event of the dossiers an agency receives on one local day (those `keep` wants). */
export function agencyCaseDay(
  model: CityModel,
  agency: Agency,
  dayStart: number,
  keep: KeepFilter = KEEP_ALL,
): LifecycleEvent[] {
  const tz = model.city.timeZone;
  const rng = rngFor(model.seed, 'cases', agency.id, dayStart);
  const weekday = localTime(dayStart + 12 * HOUR, tz).weekday;
  const volume = dailyCaseVolume(model, agency);
  // Online keeps coming at weekends (less); counters and post are closed.
  const onlineFactor = isWorkingDay(weekday) ? 1 : weekday === 6 ? 0.3 : 0.15;
  const received: { at: number; channel: Channel }[] = [];
  for (const channel of ['online', 'counter', 'postal'] as const) {
    const mean =
      volume * CHANNEL_SHARE[channel] * (channel === 'online' ? onlineFactor : isWorkingDay(weekday) ? 1 : 0);
    const n = rng.poisson(mean);
    for (let i = 0; i < n; i++) {
      const hour = channel === 'online' ? sampleOnlineHour(rng) : sampleOfficeHour(rng);
      received.push({ at: Math.floor(dayStart + hour * HOUR), channel });
    }
  }
  received.sort((a, b) => a.at - b.at);
  const dateCode = localDateCode(dayStart + 12 * HOUR, tz);
  const events: LifecycleEvent[] = [];
  received.forEach((r, i) => {
    if (r.at < keep.originFrom) return;
    const caseId = `H${model.city.provinceCode}.${agency.id}-${dateCode}-${String(i + 1).padStart(4, '0')}`;
    events.push(...caseLifecycle(model, agency, caseId, r.at, r.channel, keep.tsFrom));
  });
  return events;
}

interface Step {
  event: CaseEventName;
  ts: number;
  rating?: number;
}

/** One dossier's events with their real timestamps; messages only for those at or after `keepFrom`. */
function caseLifecycle(
  model: CityModel,
  agency: Agency,
  caseId: string,
  receivedAt: number,
  channel: Channel,
  keepFrom: number,
): LifecycleEvent[] {
  const tz = model.city.timeZone;
  const rng = rngFor(hash32(model.seed, caseId));
  const procedure = rng.weighted(proceduresFor(agency), (p) => p.weight);
  const dueAt = addWorkingDays(receivedAt, procedure.days, tz);
  const online = channel === 'online';
  const onlinePayment = procedure.fee && rng.chance(online ? 0.6 : channel === 'postal' ? 0.3 : 0.12);
  const digitized = rng.chance(online ? 0.97 : 0.85);
  const steps = caseSteps(rng, receivedAt, dueAt, procedure.days, tz);
  if (steps[steps.length - 1]!.ts < keepFrom) return []; // wholly in the past: skip building messages

  const who = agencyAt(agency, receivedAt); // the handling agency is fixed when the dossier is received
  const topic = topics.caseEvent(model.city.id, who.agencyId);
  const base = {
    case_id: caseId,
    procedure_code: procedure.code,
    procedure_name: procedure.name,
    field: procedure.field,
    level: who.level,
    channel,
    due_at: isoLocal(dueAt, tz),
    online_payment: onlinePayment,
    digitized,
  };
  return steps
    .filter((s) => s.ts >= keepFrom)
    .map((s) => ({
      ts: s.ts,
      origin: receivedAt,
      msg: {
        topic,
        payload: {
          ...base,
          ts: isoLocal(s.ts, tz),
          event: s.event,
          ...(s.rating === undefined ? {} : { rating: s.rating }),
        },
      },
    }));
}

/** The timeline: received → assigned → (supplement) → outcome, in office hours where a clerk acts. */
function caseSteps(rng: Rng, receivedAt: number, dueAt: number, days: number, tz: string): Step[] {
  const steps: Step[] = [{ event: 'received', ts: receivedAt }];
  const add = (event: CaseEventName, at: number, rating?: number): void => {
    steps.push({ event, ts: Math.floor(at), ...(rating === undefined ? {} : { rating }) });
  };
  const assignedAt = officeDelay(receivedAt, rng, 5, days === 0 ? 30 : 180, tz);
  add('assigned', assignedAt);
  let busyUntil = assignedAt;
  const span = Math.max(30 * MINUTE, dueAt - assignedAt);

  const supplement = rng.chance(0.08);
  if (supplement) {
    busyUntil = nextOfficeMoment(Math.floor(assignedAt + rng.range(0.1, 0.4) * span), tz);
    add('supplement_requested', busyUntil);
  }

  const outcome = rng.float();
  if (outcome < 0.015) {
    add('withdrawn', busyUntil + rng.range(1, 48) * HOUR);
    return steps;
  }
  if (outcome < 0.045) {
    add('returned', nextOfficeMoment(Math.floor(busyUntil + rng.range(0.1, 0.5) * span), tz));
    return steps;
  }

  // Late dossiers cluster where the citizen had to supplement: the clock ran on meanwhile.
  const late = rng.chance(supplement ? 0.4 : 0.1);
  let resolvedAt: number;
  if (late) {
    resolvedAt = nextOfficeMoment(Math.floor(dueAt + rng.range(0.05, 0.6) * Math.max(span, DAY)), tz);
  } else {
    const share = rng.chance(0.6) ? rng.range(0.2, 0.85) : rng.range(0.85, 1);
    resolvedAt = nextOfficeMoment(Math.floor(busyUntil + share * Math.max(0, dueAt - busyUntil)), tz);
    if (resolvedAt > dueAt) resolvedAt = dueAt - Math.floor(rng.range(5, 60) * MINUTE);
  }
  resolvedAt = Math.max(resolvedAt, busyUntil + 10 * MINUTE);
  add('resolved', resolvedAt, rng.chance(0.65) ? rating(rng, resolvedAt > dueAt) : undefined);
  return steps;
}

/** Citizens' ratings: mostly 4–5, lower when the dossier was late. */
function rating(rng: Rng, late: boolean): number {
  const r = rng.float();
  if (late) return r < 0.25 ? 5 : r < 0.55 ? 4 : r < 0.8 ? 3 : r < 0.92 ? 2 : 1;
  return r < 0.62 ? 5 : r < 0.88 ? 4 : r < 0.96 ? 3 : r < 0.99 ? 2 : 1;
}

/** All agencies' dossiers of one day. */
export function caseDay(model: CityModel, dayStart: number, keep: KeepFilter = KEEP_ALL): LifecycleEvent[] {
  return model.agencies.flatMap((a) => agencyCaseDay(model, a, dayStart, keep));
}

export function caseStream(model: CityModel, includeEarlier: boolean): DayStream {
  return new DayStream({
    timeZone: model.city.timeZone,
    generateDay: (day, keep) => caseDay(model, day, keep),
    lookbackDays: CASE_LOOKBACK_DAYS,
    includeEarlier,
  });
}
