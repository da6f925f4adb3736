/**
 * Generic indicators for the console: the HTTP push (token → read → write → dead-letter → live
 * delta), the catalogue and its admins' edits, what the wall's indicator panels read, and the wall
 * layout as edited in the console (placing an indicator on a scene).
 */
import type { CityProfile } from '../contracts/city';
import type { IndicatorPushAnswer } from '../contracts/indicator-push';
import type {
  IndicatorCatalogue,
  IndicatorEdit,
  IndicatorItem,
  IndicatorRanking,
  IndicatorSeries,
} from '../contracts/indicators';
import { indicatorsEdited, type IngestCommit } from '../contracts/live';
import { kpiPanelsSchema, wallLayoutSchema, type KpiPanels, type WallLayout } from '../contracts/wall';
import {
  indicatorCatalogue,
  indicatorRanking,
  indicatorSeries,
  saveIndicatorOverride,
  saveKpiPanels,
  saveWallLayout,
  savedKpiPanels,
  savedWallLayout,
} from '../db/indicators';
import type { PushToken } from '../contracts/push-tokens';
import type { Db } from '../db/adapter';
import { readIndicatorPush } from '../ingest/push/indicator-push';
import { handlePush } from '../ingest/push/http-push';

export interface IndicatorService {
  /** One push request: the Authorization header and the body as received. */
  push(authorization: string | null, body: string): Promise<IndicatorPushAnswer>;
  catalogue(): Promise<IndicatorCatalogue>;
  /**
   * Saves an admin's override; null when no such indicator is known. For the audit log: the
   * override before (null: none) and the values that applied before (override or meta).
   */
  edit(
    source: string,
    key: string,
    edit: IndicatorEdit,
  ): Promise<{ before: IndicatorFields | null; appliedBefore: IndicatorFields } | null>;
  series(source: string, key: string, hours: number): Promise<IndicatorSeries>;
  /** Null when the indicator is not known. */
  ranking(source: string, key: string, dim: string, hours: number): Promise<IndicatorRanking | null>;
  /** The wall layout in force: the one saved from the console, else the WALL_LAYOUT file's. */
  wallLayout(): Promise<WallLayout & { editedBy: string | null; editedAtMs: number | null }>;
  /** Saves the layout; returns the one in force before (for the audit log). */
  saveWallLayout(layout: WallLayout, by: string): Promise<{ before: WallLayout }>;
  /** Indicator panels placed on /kpi (none until one is placed). */
  kpiPanels(): Promise<KpiPanels>;
  /** Saves the panels; returns those placed before (for the audit log). */
  saveKpiPanels(panels: KpiPanels, by: string): Promise<{ before: KpiPanels }>;
}

/** What an admin's override changes, as it applied (override or meta). */
export type IndicatorFields = Pick<IndicatorItem, 'labelVi' | 'labelEn' | 'unit' | 'target' | 'warn'>;

export function indicatorService(o: {
  db: Db;
  city: CityProfile;
  tokens: readonly PushToken[];
  publish: (c: IngestCommit) => void;
  now?: () => number;
  /** The WALL_LAYOUT file's layout: where the console's edits start from. */
  fileLayout?: WallLayout;
  onBadSavedLayout?: (problems: string) => void;
}): IndicatorService {
  const now = o.now ?? Date.now;
  const H = 3_600_000;
  const wallLayout = async (): Promise<WallLayout & { editedBy: string | null; editedAtMs: number | null }> => {
    if (!o.fileLayout) throw new Error('no wall layout file was loaded');
    const saved = await savedWallLayout(o.db, o.fileLayout.id);
    if (saved) {
      // Validated again on read: a layout saved by an older version may not fit today's schema.
      const parsed = wallLayoutSchema.safeParse(saved.layout);
      if (parsed.success) return { ...parsed.data, editedBy: saved.by, editedAtMs: saved.atMs };
      o.onBadSavedLayout?.(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    return { ...o.fileLayout, editedBy: null, editedAtMs: null };
  };
  const kpiPanels = async (): Promise<KpiPanels> => {
    const parsed = kpiPanelsSchema.safeParse({ panels: (await savedKpiPanels(o.db)) ?? [] });
    if (parsed.success) return parsed.data;
    o.onBadSavedLayout?.(
      `kpi panels: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    return { panels: [] };
  };
  const known = async (source: string, key: string) =>
    (await indicatorCatalogue(o.db, now())).items.find((i) => i.source === source && i.key === key) ?? null;
  return {
    catalogue: () => indicatorCatalogue(o.db, now()),
    async edit(source, key, edit) {
      const item = await known(source, key);
      if (!item) return null;
      await saveIndicatorOverride(o.db, source, key, edit);
      o.publish(indicatorsEdited(now()));
      const fields = (f: IndicatorFields): IndicatorFields => ({
        labelVi: f.labelVi,
        labelEn: f.labelEn,
        unit: f.unit,
        target: f.target,
        warn: f.warn,
      });
      return { before: item.edit ? fields(item.edit) : null, appliedBefore: fields(item) };
    },
    series: (source, key, hours) => indicatorSeries(o.db, source, key, now() - hours * H),
    async ranking(source, key, dim, hours) {
      const item = await known(source, key);
      if (!item) return null;
      return indicatorRanking(
        o.db,
        source,
        key,
        dim,
        now() - hours * H,
        item.kind === 'counter',
        item.direction !== 'lower_is_better',
      );
    },
    wallLayout,
    kpiPanels,
    async saveKpiPanels(panels, by) {
      const before = await kpiPanels();
      await saveKpiPanels(o.db, panels.panels, by);
      return { before };
    },
    async saveWallLayout(layout, by) {
      if (!o.fileLayout) throw new Error('no wall layout file was loaded');
      const { editedBy: _by, editedAtMs: _at, ...before } = await wallLayout();
      // Saved under the file's id: the file is the layout a fresh installation starts from.
      await saveWallLayout(o.db, o.fileLayout.id, { ...layout, id: o.fileLayout.id }, by);
      return { before };
    },
    push: (authorization, text) => handlePush({ ...o, now }, 'indicators', authorization, text, readIndicatorPush),
  };
}
