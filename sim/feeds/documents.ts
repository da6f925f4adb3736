/**
 * Official documents (văn bản đến/đi) per agency, registered by the clerical office in
 * office hours. Incoming: registered → assigned → processed, often with a deadline set
 * by the sender; outgoing: registered → issued, mostly digitally signed and sent over the
 * national document exchange (e_exchange) — the two shares leaders are measured on.
 */
import type { Agency } from '../../contracts/city';
import { topics } from '../../contracts/mqtt/topics';
import type { CityModel } from '../city-model';
import { DAY, HOUR, isoLocal, localDateCode, localTime } from '../clock';
import { DayStream, KEEP_ALL, type KeepFilter, type LifecycleEvent } from '../day-stream';
import { agencyAt } from '../former-districts';
import { addWorkingDays, isWorkingDay, nextOfficeMoment, officeDelay, sampleOfficeHour } from '../office-hours';
import { hash32, rngFor, unitHash, type Rng } from '../rng';

/** Longest document life: a 15-working-day deadline, a late overrun of up to 50 % and a weekend (tested). */
export const DOCUMENT_LOOKBACK_DAYS = 40;

type Urgency = 'normal' | 'urgent' | 'flash';

export function dailyDocumentVolume(model: CityModel, agency: Agency): { incoming: number; outgoing: number } {
  const u = unitHash(model.seed, 'doc-volume', agency.id);
  return agency.level === 'province'
    ? { incoming: 25 + 45 * u, outgoing: 12 + 25 * u }
    : { incoming: 10 + 20 * u, outgoing: 6 + 12 * u };
}

export function agencyDocumentDay(
  model: CityModel,
  agency: Agency,
  dayStart: number,
  keep: KeepFilter = KEEP_ALL,
): LifecycleEvent[] {
  const tz = model.city.timeZone;
  const weekday = localTime(dayStart + 12 * HOUR, tz).weekday;
  // Clerical offices register documents Mon–Fri only.
  if (!isWorkingDay(weekday)) return [];
  const rng = rngFor(model.seed, 'documents', agency.id, dayStart);
  const volume = dailyDocumentVolume(model, agency);
  const dateCode = localDateCode(dayStart + 12 * HOUR, tz);
  const out: LifecycleEvent[] = [];
  for (const direction of ['incoming', 'outgoing'] as const) {
    const times = Array.from({ length: rng.poisson(volume[direction]) }, () =>
      Math.floor(dayStart + sampleOfficeHour(rng) * HOUR),
    );
    times.sort((a, b) => a - b);
    times.forEach((at, i) => {
      if (at < keep.originFrom) return;
      const docId = `VB.${agency.id}-${dateCode}-${direction === 'incoming' ? 'DEN' : 'DI'}-${String(i + 1).padStart(4, '0')}`;
      const docRng = rngFor(hash32(model.seed, docId));
      const emit = lifecycleEmitter(model, agency, at, keep.tsFrom);
      if (direction === 'incoming') incoming(emit, docId, at, docRng, model.city.timeZone);
      else outgoing(emit, docId, at, docRng, model.city.timeZone);
      out.push(...emit.events);
    });
  }
  return out;
}

function incoming(emit: Emitter, docId: string, registeredAt: number, rng: Rng, tz: string): void {
  const r = rng.float();
  const urgency: Urgency = r < 0.03 ? 'flash' : r < 0.15 ? 'urgent' : 'normal';
  // Many incoming papers are "for information" and carry no deadline at all.
  const dueAt =
    urgency === 'flash'
      ? registeredAt + 4 * HOUR
      : urgency === 'urgent'
        ? addWorkingDays(registeredAt, 2, tz)
        : rng.chance(0.65)
          ? addWorkingDays(registeredAt, rng.int(5, 15), tz)
          : undefined;
  emit.base = () => ({
    doc_id: docId,
    direction: 'incoming',
    urgency,
    ...(dueAt === undefined ? {} : { due_at: isoLocal(dueAt, tz) }),
  });
  emit('registered', registeredAt);
  const assignedAt = officeDelay(registeredAt, rng, 10, urgency === 'normal' ? 240 : 30, tz);
  emit('assigned', assignedAt);
  const deadline = dueAt ?? addWorkingDays(registeredAt, 5, tz);
  const span = Math.max(HOUR, deadline - assignedAt);
  const processedAt = rng.chance(0.08)
    ? nextOfficeMoment(deadline + rng.range(0.1, 0.5) * Math.max(span, DAY), tz)
    : Math.min(deadline - 60_000, nextOfficeMoment(assignedAt + rng.range(0.15, 0.95) * span, tz));
  emit('processed', Math.max(processedAt, assignedAt + 5 * 60_000));
}

function outgoing(emit: Emitter, docId: string, registeredAt: number, rng: Rng, tz: string): void {
  const signed = rng.chance(0.93);
  const urgency: Urgency = rng.chance(0.1) ? 'urgent' : 'normal';
  // Paper-signed documents usually go by post, not over the exchange.
  const eExchange = signed ? rng.chance(0.94) : rng.chance(0.2);
  emit.base = () => ({ doc_id: docId, direction: 'outgoing', urgency, signed, e_exchange: eExchange });
  emit('registered', registeredAt);
  emit('issued', officeDelay(registeredAt, rng, 10, 240, tz));
}

type DocEventName = 'registered' | 'assigned' | 'processed' | 'issued';

interface Emitter {
  (event: DocEventName, at: number): void;
  /** The fields every event of the document repeats; built only if an event is kept. */
  base: () => object;
  events: LifecycleEvent[];
}

/** Collects a document's events, building messages only for those at or after `keepFrom`. */
function lifecycleEmitter(model: CityModel, agency: Agency, origin: number, keepFrom: number): Emitter {
  const tz = model.city.timeZone;
  let topic: string | undefined;
  let base: object | undefined;
  const emit: Emitter = Object.assign(
    (event: DocEventName, at: number): void => {
      const ts = Math.floor(at);
      if (ts < keepFrom) return;
      topic ??= topics.documentEvent(model.city.id, agencyAt(agency, origin).agencyId);
      base ??= emit.base();
      emit.events.push({ ts, origin, msg: { topic, payload: { ...base, ts: isoLocal(ts, tz), event } } });
    },
    { base: (): object => ({}), events: [] as LifecycleEvent[] },
  );
  return emit;
}

export function documentDay(model: CityModel, dayStart: number, keep: KeepFilter = KEEP_ALL): LifecycleEvent[] {
  return model.agencies.flatMap((a) => agencyDocumentDay(model, a, dayStart, keep));
}

export function documentStream(model: CityModel, includeEarlier: boolean): DayStream {
  return new DayStream({
    timeZone: model.city.timeZone,
    generateDay: (day, keep) => documentDay(model, day, keep),
    lookbackDays: DOCUMENT_LOOKBACK_DAYS,
    includeEarlier,
  });
}
