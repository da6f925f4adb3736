/** The indicator catalogue, admins' overrides, what the wall's indicator panels read, and wall layouts saved from the console. */
import type {
  IndicatorCatalogue,
  IndicatorEdit,
  IndicatorItem,
  IndicatorRanking,
  IndicatorSeries,
} from '../contracts/indicators';
import type { Queryable } from './adapter';
import { sql } from './sql';

const ms = (v: unknown): number => new Date(v as string | Date).getTime();
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | null =>
  allowed.includes(v as T) ? (v as T) : null;

export async function indicatorCatalogue(db: Queryable, nowMs = Date.now()): Promise<IndicatorCatalogue> {
  const { rows } = await db.query<Record<string, unknown>>(sql('indicator-catalogue'), [new Date(nowMs).toISOString()]);
  const items = rows.map((r): IndicatorItem => {
    const kind = oneOf(r.kind, ['gauge', 'counter', 'percent'] as const);
    // One figure for the whole indicator: its series without dims, else its parts added (a count) or averaged (a level).
    const lastValue = num(r.plain_value) ?? (kind === 'counter' ? num(r.sum_latest) : num(r.avg_latest));
    return {
      source: String(r.source),
      key: String(r.key),
      labelVi: str(r.label_vi),
      labelEn: str(r.label_en),
      unit: str(r.unit),
      direction: oneOf(r.direction, ['higher_is_better', 'lower_is_better'] as const),
      kind,
      target: num(r.target),
      warn: num(r.warn),
      edit:
        r.edited_by === null
          ? null
          : {
              labelVi: str(r.edit_label_vi),
              labelEn: str(r.edit_label_en),
              unit: str(r.edit_unit),
              target: num(r.edit_target),
              warn: num(r.edit_warn),
              by: String(r.edited_by),
              atMs: ms(r.edited_at),
            },
      lastValue,
      lastTimeMs: r.last_time === null ? null : ms(r.last_time),
      series: Number(r.series),
      dims: (r.dims as string[] | null) ?? [],
    };
  });
  return { generatedAt: nowMs, items };
}

export async function saveIndicatorOverride(
  db: Queryable,
  source: string,
  key: string,
  e: IndicatorEdit,
): Promise<void> {
  await db.query(sql('indicator-override-save'), [source, key, e.labelVi, e.labelEn, e.unit, e.target, e.warn, e.by]);
}

export async function indicatorSeries(
  db: Queryable,
  source: string,
  key: string,
  fromMs: number,
): Promise<IndicatorSeries> {
  const { rows } = await db.query<{ bucket: Date; sum: number; avg: number; latest: number }>(sql('indicator-series'), [
    source,
    key,
    new Date(fromMs).toISOString(),
  ]);
  return {
    source,
    key,
    points: rows.map((r) => ({
      timeMs: ms(r.bucket),
      sum: Number(r.sum),
      avg: Number(r.avg),
      latest: Number(r.latest),
    })),
  };
}

/** `byTotal`: rank a counter by its sum over the period; otherwise by the last value. Best first per `higherIsBetter`. */
export async function indicatorRanking(
  db: Queryable,
  source: string,
  key: string,
  dim: string,
  fromMs: number,
  byTotal: boolean,
  higherIsBetter: boolean,
): Promise<IndicatorRanking> {
  const { rows } = await db.query<{ member: string; name: string; total: number; latest: number; last_time: Date }>(
    sql('indicator-ranking'),
    [source, key, dim, new Date(fromMs).toISOString()],
  );
  const out = rows.map((r) => ({
    member: r.member,
    name: r.name,
    value: Number(byTotal ? r.total : r.latest),
    lastTimeMs: ms(r.last_time),
  }));
  out.sort((a, b) => (higherIsBetter ? b.value - a.value : a.value - b.value) || a.member.localeCompare(b.member));
  return { source, key, dim, rows: out };
}

export async function savedWallLayout(
  db: Queryable,
  id: string,
): Promise<{ layout: unknown; by: string; atMs: number } | null> {
  const {
    rows: [r],
  } = await db.query<{ layout: unknown; edited_by: string; edited_at: Date }>(sql('wall-layout-get'), [id]);
  return r ? { layout: r.layout, by: r.edited_by, atMs: ms(r.edited_at) } : null;
}

export async function saveWallLayout(db: Queryable, id: string, layout: unknown, by: string): Promise<void> {
  await db.query(sql('wall-layout-save'), [id, JSON.stringify(layout), by]);
}

export async function savedKpiPanels(db: Queryable): Promise<unknown> {
  const {
    rows: [r],
  } = await db.query<{ panels: unknown }>(`SELECT panels FROM kpi_indicator_panels WHERE id = 'kpi'`);
  return r?.panels ?? null;
}

export async function saveKpiPanels(db: Queryable, panels: unknown, by: string): Promise<void> {
  await db.query(
    `INSERT INTO kpi_indicator_panels (id, panels, edited_by, edited_at) VALUES ('kpi', $1::jsonb, $2, now())
     ON CONFLICT (id) DO UPDATE SET panels = EXCLUDED.panels, edited_by = EXCLUDED.edited_by, edited_at = now()`,
    [JSON.stringify(panels), by],
  );
}
