/**
 * Which KPIs the leaders' review shows where, by family, with ids typed from
 * contracts/kpi-definitions.ts: a renamed or removed KPI fails the type-check here rather than
 * showing an empty column.
 */
import {
  CASE_KPIS,
  DOCUMENT_KPIS,
  type CaseKpiId,
  type DocumentKpiId,
  type KpiDefinition,
  type KpiUnit,
} from '../../../contracts/kpi-definitions';
import type { CaseKpiTable, DocumentKpiTable, KpiFamily } from '../../../contracts/kpi-query';

export type KpiId = CaseKpiId | DocumentKpiId;
export type AnyTable = CaseKpiTable | DocumentKpiTable;
export type Row = AnyTable['rows'][number];
/** A definition as the review reads it: its sums are the server's business. */
export type Def = KpiDefinition<never> & { id: KpiId; unit: KpiUnit };

/** Per family, a value of that family's KPI ids. */
interface PerFamily<C, D> {
  cases: C;
  documents: D;
}

export const DEFS: Record<KpiFamily, readonly Def[]> = {
  cases: CASE_KPIS as unknown as readonly Def[],
  documents: DOCUMENT_KPIS as unknown as readonly Def[],
};

/** The columns of the agency table, by family: the figures leaders rank agencies by. The first is the default sort. */
export const COLUMNS: PerFamily<readonly [CaseKpiId, ...CaseKpiId[]], readonly [DocumentKpiId, ...DocumentKpiId[]]> = {
  cases: [
    'cases.received',
    'cases.resolved',
    'cases.onTimeRate',
    'cases.resolvedLate',
    'cases.overdueNow',
    'cases.onlineShare',
    'cases.onlinePaymentShare',
    'cases.digitizedShare',
    'cases.avgRating',
    'cases.supplementRate',
  ],
  documents: [
    'documents.incomingRegistered',
    'documents.incomingProcessed',
    'documents.onTimeRate',
    'documents.overdueNow',
    'documents.outgoingIssued',
    'documents.signedShare',
    'documents.electronicShare',
    'documents.avgProcessingHours',
  ],
};

/** The daily trend: what comes in (bars) against what is done (line). */
export const TREND: PerFamily<{ bars: CaseKpiId; line: CaseKpiId }, { bars: DocumentKpiId; line: DocumentKpiId }> = {
  cases: { bars: 'cases.received', line: 'cases.resolved' },
  documents: { bars: 'documents.incomingRegistered', line: 'documents.incomingProcessed' },
};

/** The map's figure: dossiers received per commune. */
export const MAP_KPI: CaseKpiId = 'cases.received';

/** What the table's rows can be, per family; each but urgency is also a drill-down filter. */
export const GROUPINGS: Record<KpiFamily, readonly string[]> = {
  cases: ['agency', 'level', 'field', 'procedure', 'channel'],
  documents: ['agency', 'urgency'],
};

export const kpiValue = (row: Row | undefined, id: KpiId): number | null =>
  row ? ((row.kpis as Partial<Record<KpiId, number | null>>)[id] ?? null) : null;
