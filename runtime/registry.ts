/**
 * The process-wide handles, shared with Next's code through one typed `globalThis` slot.
 * Next bundles its own copy of any module a route handler imports, so a module-level
 * singleton would exist twice (and two PGlite instances on one data directory corrupt it).
 * The custom server creates the handles once and registers them here; route handlers read them.
 */
import type { AlarmHistoryPage, AlarmHistoryQuery, AlarmTransition } from '../contracts/alarm-history';
import type { CityProfile } from '../contracts/city';
import type { Config } from '../contracts/config';
import type { Logger } from '../contracts/logger';
import type { CameraRegistryService } from './camera-registry';
import type { CameraEventService } from './camera-event-service';
import type { IndicatorService } from './indicator-service';
import type { TaskService } from './task-service';
import type { ScopedKpiService } from './kpi-scope';
import type { WallLayout } from '../contracts/wall';
import type { Db } from '../db/adapter';
import type { AlarmAckOutcome } from '../db/incident-acks';
import type { AuthService } from '../auth/accounts';
import type { KioskService } from '../auth/kiosks';
import type { AuditEntry } from '../db/users';
import type { AuditPage, AuditQuery, AuditRow } from '../contracts/audit';

export interface Registry {
  config: Config;
  city: CityProfile;
  db: Db;
  /** Where route handlers log what they answer with a 5xx (app/api/handler.ts), with its request id. */
  log: Logger;
  /** Services are passed as functions: code under app/ must not import modules that read files at load. */
  /**
   * Every figure of cases, documents and tasks a route handler serves, asked for on behalf of a
   * user and narrowed to their scope (runtime/kpi-scope.ts): tables, drill-down, export, today's
   * figures, the overview, tasks.
   */
  kpi: ScopedKpiService;
  /** Clear an alarm by hand; false when it was not open. */
  alarmClear: (alarmId: number, by: string, note: string | null) => Promise<boolean>;
  /**
   * Acknowledge an alarm by hand, and its camera event with it when still unacknowledged
   * (db/incident-acks.ts), both audited as `by` from `ip`; refused with who was first.
   */
  alarmAcknowledge: (alarmId: number, by: string, note: string | null, ip: string | null) => Promise<AlarmAckOutcome>;
  /** The alarms raised in a period, one page (db/alarms.ts alarmsInPeriod). */
  alarmHistory: (q: AlarmHistoryQuery) => Promise<AlarmHistoryPage>;
  /** An alarm's audit trail, oldest first; empty for an unknown alarm (every alarm has its raise). */
  alarmTransitions: (alarmId: number) => Promise<AlarmTransition[]>;
  wallLayout: WallLayout;
  /** The camera registry: list with uptime, operators' edits, snapshots (runtime/camera-registry.ts). */
  cameras: CameraRegistryService;
  /** /traffic's event feed, acknowledgements, snapshots and statistics. */
  cameraEvents: CameraEventService;
  /** Generic indicators: HTTP push, catalogue (runtime/indicator-service.ts). */
  indicators: IndicatorService;
  /** Leaders' assigned tasks: the HTTP push (runtime/task-service.ts); their figures are read through `kpi`. */
  tasks: TaskService;
  /** Accounts and sessions (auth/accounts.ts); the request guard runs before Next (auth/http-guard.ts). */
  auth: AuthService;
  /** Kiosk tokens of video walls (auth/kiosks.ts). */
  kiosks: KioskService;
  /** Appends to the audit log (append-only, migration 019); never throws (a failure is logged). */
  audit: (entry: AuditEntry) => Promise<void>;
  /** A page of the audit trail (audit log and the alarm rules' transitions) matching the filters, newest first. */
  auditSearch: (q: AuditQuery) => Promise<AuditPage>;
  /** Every row matching the filters, newest first, at most `max`, a page at a time (the CSV export). */
  auditRows: (q: AuditQuery, max: number) => AsyncGenerator<AuditRow[]>;
  auditCount: (q: AuditQuery) => Promise<number>;
}

const KEY = Symbol.for('cityops.registry');
type Holder = { [KEY]?: Registry };

export function register(registry: Registry): void {
  (globalThis as Holder)[KEY] = registry;
}

export function registry(): Registry {
  const r = (globalThis as Holder)[KEY];
  if (!r)
    throw new Error(
      'CityOps registry is empty: route handlers run only under bin/console.ts (npm start / npm run console)',
    );
  return r;
}
