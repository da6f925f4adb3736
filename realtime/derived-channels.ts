/**
 * The database-derived channels, one entry each: how its value is loaded, which bus messages may
 * have changed it, and how soon it is recomputed once dirty. Keyed by the contracts' channel ids
 * (`ReplaceChannels`), so a channel added there without an entry here is a type error; its shape
 * and who may subscribe are the contracts' part (contracts/channels.ts `CHANNELS`).
 */
import type { ReplaceChannels } from '../contracts/channels';
import type { IngestCommit } from '../contracts/live';
import type { Db } from '../db/adapter';
import { recentCameraEventAcks } from '../db/camera-events';
import { indicatorCatalogue } from '../db/indicators';
import { queryCaseKpis, queryDocumentKpis } from '../db/kpi-today';
import { queryAlarms } from '../db/live';
import { queryOverview } from '../db/overview';
import type { DerivedChannel } from './live-entry';

export interface DerivedChannelEntry<C extends DerivedChannel> {
  load(db: Db, timeZone: string): Promise<ReplaceChannels[C]>;
  /** Whether this message may have changed the channel's figures (it is then recomputed). */
  dirtiedBy(m: IngestCommit): boolean;
  /** Urgent news read by index (alarms): recomputed within 250 ms of a dirtying message, not 2 s. */
  urgent: boolean;
}

const batchOf = (m: IngestCommit, ...kinds: string[]) =>
  m.kind === 'batch' && kinds.some((k) => (m.counts[k] ?? 0) > 0);

export const DERIVED_CHANNEL_TABLE: { readonly [C in DerivedChannel]: DerivedChannelEntry<C> } = {
  // Every message may move a home figure (online devices, today's counts).
  overview: { load: (db, tz) => queryOverview(db, tz), dirtiedBy: () => true, urgent: false },
  'kpi:cases': { load: (db, tz) => queryCaseKpis(db, tz), dirtiedBy: (m) => batchOf(m, 'case_event'), urgent: false },
  'kpi:documents': {
    load: (db, tz) => queryDocumentKpis(db, tz),
    dirtiedBy: (m) => batchOf(m, 'document_event'),
    urgent: false,
  },
  // Alarms change when the evaluator or an operator moves one, or with an acknowledged incident.
  alarms: {
    load: (db) => queryAlarms(db),
    dirtiedBy: (m) => m.kind === 'alarms' || (m.kind === 'acks' && m.alarms > 0),
    urgent: true,
  },
  // Camera events were acknowledged, on /traffic or with their alarm.
  'events:acks': {
    load: (db) => recentCameraEventAcks(db),
    dirtiedBy: (m) => m.kind === 'acks' && m.events > 0,
    urgent: true,
  },
  // Generic indicators: new values or meta, or an admin's edit.
  indicators: {
    load: (db) => indicatorCatalogue(db),
    dirtiedBy: (m) => m.kind === 'indicators' || batchOf(m, 'indicator_value', 'indicator_meta'),
    urgent: false,
  },
};

export const DERIVED_CHANNEL_IDS = Object.keys(DERIVED_CHANNEL_TABLE) as DerivedChannel[];

/** The derived channels a bus message may have changed. */
export function dirtiedBy(m: IngestCommit): Set<DerivedChannel> {
  return new Set(DERIVED_CHANNEL_IDS.filter((c) => DERIVED_CHANNEL_TABLE[c].dirtiedBy(m)));
}
