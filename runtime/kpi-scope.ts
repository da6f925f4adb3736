/**
 * Leaders' figures under their scope, in one place: every KPI table, drill-down, export, "today"
 * figure, overview and task answer a route handler gets is asked for on behalf of a user and goes
 * through narrowAgencies (auth/scope.ts). Route handlers cannot reach the unscoped queries through
 * the registry, so a new route cannot forget the scope.
 *
 * A scope names agencies and wards (contracts/roles.ts); the wards are turned into the agencies
 * sitting in them at each request, so a commune committee registered later is in its ward's scope.
 */
import type { CaseKpis, DocumentKpis } from '../contracts/channels';
import type {
  CaseKpiTable,
  CaseRecordRow,
  DocumentKpiTable,
  DocumentRecordRow,
  DrillQuery,
  KpiFamily,
  KpiQuery,
  RecordPage,
} from '../contracts/kpi-query';
import type { CityOverview } from '../contracts/overview';
import { isScoped, type SessionUser } from '../contracts/roles';
import type { TaskKpis, TaskRecord } from '../contracts/tasks';
import { narrowAgencies } from '../auth/scope';
import type { Queryable } from '../db/adapter';
import { caseRecords, documentRecords } from '../db/kpi-drill';
import { caseKpiTable, documentKpiTable } from '../db/kpi-table';
import { queryCaseKpis, queryDocumentKpis } from '../db/kpi-today';
import { queryOverview } from '../db/overview';
import { taskKpis, taskRecords, type TaskRecordQuery } from '../db/tasks';
import { scopeAgencyIds, scopeNames } from '../db/users';
import { exportKpiTable, type ExportFile, type ExportFormat, type ExportLang } from './kpi-export';

/** An answer, or the agencies asked for that lie outside the user's scope (the route answers 403). */
export type Scoped<T> = { ok: true; value: T } | { ok: false; outside: string[] };

export type Viewer = Pick<SessionUser, 'username' | 'scope'>;

export interface ScopeLabel {
  agencies: { id: string; vi: string; en: string }[];
  wards: { id: string; vi: string; en: string }[];
}

export interface ScopedKpiService {
  /** null: the user sees the whole city; else the agencies their scope covers (maybe none). */
  agencies(user: Viewer): Promise<string[] | null>;
  /** The names of the user's scope for the page's "Phạm vi: …" line; null when not scoped. */
  label(user: Viewer): Promise<ScopeLabel | null>;
  table(user: Viewer, family: KpiFamily, q: KpiQuery): Promise<Scoped<CaseKpiTable | DocumentKpiTable>>;
  records(
    user: Viewer,
    family: KpiFamily,
    q: DrillQuery,
  ): Promise<Scoped<RecordPage<CaseRecordRow> | RecordPage<DocumentRecordRow>>>;
  exportFile(
    user: Viewer,
    family: KpiFamily,
    q: KpiQuery,
    format: ExportFormat,
    lang: ExportLang,
  ): Promise<Scoped<ExportFile>>;
  /** What the live channel kpi:{family} carries, for the user's scope (scoped users may not subscribe to it). */
  today(user: Viewer, family: KpiFamily): Promise<CaseKpis | DocumentKpis>;
  /** The overview channel's figures, with today's dossiers and documents of the user's scope. */
  overview(user: Viewer): Promise<CityOverview>;
  taskKpis(user: Viewer, fromMs: number, toMs: number): Promise<TaskKpis>;
  taskRecords(user: Viewer, q: TaskRecordQuery): Promise<Scoped<TaskRecord[]>>;
}

export function scopedKpiService(db: Queryable, timeZone: string, now: () => number = Date.now): ScopedKpiService {
  const agencies = async (user: Viewer) => (isScoped(user.scope) ? scopeAgencyIds(db, user.scope) : null);
  /** The query's agency filter intersected with the scope, or the agencies outside it. */
  const narrow = async (user: Viewer, requested: readonly string[] | undefined) => {
    const allowed = await agencies(user);
    return { allowed, narrowed: narrowAgencies(requested, allowed) };
  };
  const table = (family: KpiFamily, q: KpiQuery) =>
    family === 'cases' ? caseKpiTable(db, q, timeZone, now()) : documentKpiTable(db, q, timeZone, now());

  const scopedTable = async (
    user: Viewer,
    family: KpiFamily,
    q: KpiQuery,
  ): Promise<Scoped<CaseKpiTable | DocumentKpiTable>> => {
    const { allowed, narrowed } = await narrow(user, q.agency);
    if (!narrowed.ok) return narrowed;
    const t = await table(family, { ...q, agency: narrowed.agencies });
    return { ok: true, value: allowed === null ? t : { ...t, scope: allowed } };
  };

  return {
    agencies,
    async label(user) {
      return isScoped(user.scope) ? scopeNames(db, user.scope) : null;
    },
    table: scopedTable,
    async records(user, family, q) {
      const { narrowed } = await narrow(user, q.agency);
      if (!narrowed.ok) return narrowed;
      const sq = { ...q, agency: narrowed.agencies };
      return {
        ok: true,
        value:
          family === 'cases'
            ? await caseRecords(db, sq, timeZone, now())
            : await documentRecords(db, sq, timeZone, now()),
      };
    },
    async exportFile(user, family, q, format, lang) {
      const t = await scopedTable(user, family, q);
      return t.ok ? { ok: true, value: await exportKpiTable(t.value, format, lang) } : t;
    },
    async today(user, family) {
      const a = await agencies(user);
      return family === 'cases' ? queryCaseKpis(db, timeZone, now(), a) : queryDocumentKpis(db, timeZone, now(), a);
    },
    async overview(user) {
      return queryOverview(db, timeZone, now(), await agencies(user));
    },
    async taskKpis(user, fromMs, toMs) {
      return taskKpis(db, fromMs, toMs, now(), await agencies(user));
    },
    async taskRecords(user, q) {
      const { narrowed } = await narrow(user, q.agency === null ? undefined : [q.agency]);
      if (!narrowed.ok) return narrowed;
      return { ok: true, value: await taskRecords(db, { ...q, nowMs: now(), agencies: narrowed.agencies ?? null }) };
    },
  };
}
