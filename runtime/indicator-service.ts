/**
 * Generic indicators for the console: the HTTP push (token → read → write → dead-letter → live
 * delta), the catalogue and its admins' edits, what the wall's indicator panels read, and the wall
 * layout as edited in the console (placing an indicator on a scene).
 */
import type { CityProfile } from '../contracts/city';
import type { IndicatorPushAnswer } from '../contracts/indicator-push';
import type { IndicatorCatalogue, IndicatorEdit, IndicatorRanking, IndicatorSeries } from '../contracts/indicators';
import { indicatorsEdited, type IngestCommit } from '../contracts/live';
import { kpiPanelsSchema, wallLayoutSchema, type KpiPanels, type WallLayout } from '../contracts/wall';
import { indicatorCatalogue, indicatorRanking, indicatorSeries, saveIndicatorOverride, saveKpiPanels, saveWallLayout, savedKpiPanels, savedWallLayout } from '../db/indicators';
import type { PushToken } from '../contracts/push-tokens';
import type { Db } from '../db/adapter';
import { readIndicatorPush } from '../ingest/push/indicator-push';
import { handlePush } from './http-push';

export interface IndicatorService {
  /** One push request: the Authorization header and the body as received. */
  push(authorization: string | null, body: string): Promise<IndicatorPushAnswer>;
  catalogue(): Promise<IndicatorCatalogue>;
  /** Saves an admin's override; false when no such indicator is known. */
  edit(source: string, key: string, edit: IndicatorEdit): Promise<boolean>;
  series(source: string, key: string, hours: number): Promise<IndicatorSeries>;
  /** Null when the indicator is not known. */
  ranking(source: string, key: string, dim: string, hours: number): Promise<IndicatorRanking | null>;
  /** The wall layout in force: the one saved from the console, else the WALL_LAYOUT file's. */
  wallLayout(): Promise<WallLayout & { editedBy: string | null; editedAtMs: number | null }>;
  saveWallLayout(layout: WallLayout, by: string): Promise<void>;
  /** Indicator panels placed on /kpi (none until one is placed). */
  kpiPanels(): Promise<KpiPanels>;
  saveKpiPanels(panels: KpiPanels, by: string): Promise<void>;
}

export function indicatorService(o: {
  db: Db; city: CityProfile; tokens: readonly PushToken[]; publish: (c: IngestCommit) => void; now?: () => number;
  /** The WALL_LAYOUT file's layout: where the console's edits start from. */
  fileLayout?: WallLayout;
  onBadSavedLayout?: (problems: string) => void;
}): IndicatorService {
  const now = o.now ?? Date.now;
  const H = 3_600_000;
  const known = async (source: string, key: string) => (await indicatorCatalogue(o.db, now())).items.find((i) => i.source === source && i.key === key) ?? null;
  return {
    catalogue: () => indicatorCatalogue(o.db, now()),
    async edit(source, key, edit) {
      if (!(await known(source, key))) return false;
      await saveIndicatorOverride(o.db, source, key, edit);
      o.publish(indicatorsEdited(now()));
      return true;
    },
    series: (source, key, hours) => indicatorSeries(o.db, source, key, now() - hours * H),
    async ranking(source, key, dim, hours) {
      const item = await known(source, key);
      if (!item) return null;
      return indicatorRanking(o.db, source, key, dim, now() - hours * H, item.kind === 'counter', item.direction !== 'lower_is_better');
    },
    async wallLayout() {
      if (!o.fileLayout) throw new Error('no wall layout file was loaded');
      const saved = await savedWallLayout(o.db, o.fileLayout.id);
      if (saved) {
        // Validated again on read: a layout saved by an older version may not fit today's schema.
        const parsed = wallLayoutSchema.safeParse(saved.layout);
        if (parsed.success) return { ...parsed.data, editedBy: saved.by, editedAtMs: saved.atMs };
        o.onBadSavedLayout?.(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      }
      return { ...o.fileLayout, editedBy: null, editedAtMs: null };
    },
    async kpiPanels() {
      const parsed = kpiPanelsSchema.safeParse({ panels: (await savedKpiPanels(o.db)) ?? [] });
      if (parsed.success) return parsed.data;
      o.onBadSavedLayout?.(`kpi panels: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { panels: [] };
    },
    saveKpiPanels: (panels, by) => saveKpiPanels(o.db, panels.panels, by),
    async saveWallLayout(layout, by) {
      if (!o.fileLayout) throw new Error('no wall layout file was loaded');
      // Saved under the file's id: the file is the layout a fresh installation starts from.
      await saveWallLayout(o.db, o.fileLayout.id, { ...layout, id: o.fileLayout.id }, by);
    },
    push: (authorization, text) => handlePush({ ...o, now }, 'indicators', authorization, text, readIndicatorPush),
  };
}
