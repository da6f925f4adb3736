/**
 * Video-wall layouts: which scenes a wall shows, in what order, for how long, and how each panel
 * is set up. Kept as JSON (config/walls/*.json, WALL_LAYOUT) and validated here, so a wall changes
 * without code.
 */
import { z } from 'zod';

export const PANEL_KINDS = [
  'map',
  'city-figures',
  'latest-readings',
  'cases-by-agency',
  'camera-events',
  'case-kpis',
  'hourly-cases',
  'alarms',
  'sensor-tiles',
  'camera-health',
  'indicator',
] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/** KPIs a ward/commune choropleth can show. */
export const CHOROPLETHS = ['pm25', 'cases'] as const;
export type ChoroplethKind = (typeof CHOROPLETHS)[number];

const deviceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a device id');

const mapPanel = z.object({
  kind: z.literal('map'),
  layers: z
    .array(z.enum(['sensors', 'cameras', 'events']))
    .max(3)
    .optional(),
  choropleth: z.enum(CHOROPLETHS).nullable().optional(),
});
const sensorTilesPanel = z.object({
  kind: z.literal('sensor-tiles'),
  /** Key monitoring stations, in display order. */
  sensors: z.array(deviceId).min(1).max(12),
});
/**
 * Any generic indicator (docs/indicators.md) as a tile (last value against its target), a chart
 * (hourly over the last `hours`) or a ranking of the members of one of its dims (agency, ward, …).
 */
export const INDICATOR_DISPLAYS = ['tile', 'chart', 'ranking'] as const;
export const indicatorPanelSchema = z
  .object({
    kind: z.literal('indicator'),
    source: deviceId,
    key: deviceId,
    display: z.enum(INDICATOR_DISPLAYS).default('tile'),
    dim: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}$/, 'a dim name such as agency or ward')
      .optional(),
    hours: z
      .number()
      .int()
      .min(1)
      .max(24 * 31)
      .default(24),
  })
  .refine((p) => p.display !== 'ranking' || p.dim !== undefined, {
    message: 'a ranking needs the dim to rank by',
    path: ['dim'],
  });
const plainPanel = z.object({ kind: z.enum(PANEL_KINDS).exclude(['map', 'sensor-tiles', 'indicator']) });

/** A panel: its kind alone ("city-figures"), or an object with its settings. */
// A name is read as `{kind: name}` first, so every error names the field at fault (a union would
// only say "invalid input").
export const wallPanelSchema = z.preprocess(
  (v) => (typeof v === 'string' ? { kind: v } : v),
  z.discriminatedUnion('kind', [mapPanel, sensorTilesPanel, indicatorPanelSchema, plainPanel]),
);
export type IndicatorPanel = z.infer<typeof indicatorPanelSchema>;
export type WallPanel =
  z.infer<typeof mapPanel> | z.infer<typeof sensorTilesPanel> | IndicatorPanel | z.infer<typeof plainPanel>;

export const wallSceneSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  title_vi: z.string().min(1).max(80),
  title_en: z.string().min(1).max(80),
  /** Panels in reading order; the scene lays them out on a grid that fits any screen. */
  panels: z.array(wallPanelSchema).min(1).max(4),
  /** Overrides the layout's rotation for this scene. */
  seconds: z.number().int().min(5).max(3600).optional(),
});

export const wallLayoutSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().min(1).max(120),
  rotateSeconds: z.number().int().min(5).max(3600),
  /** A panel whose data is older than this says so ("stale"); key stations compare their last reading. */
  staleAfterSeconds: z.number().int().min(3).max(3600).default(60),
  /**
   * The alarm banner over every scene: unacknowledged alarms of at least this severity, and a tone
   * when a new one arrives (browsers play sound only if the kiosk allows it: see docs/console.md).
   */
  alarmBanner: z
    .object({ minSeverity: z.number().int().min(1).max(3).default(2), sound: z.boolean().default(false) })
    .default({ minSeverity: 2, sound: false }),
  scenes: z.array(wallSceneSchema).min(1).max(20),
});

export type WallScene = z.infer<typeof wallSceneSchema>;
export type WallLayout = z.infer<typeof wallLayoutSchema>;

/** Indicator panels placed on the leaders' page (/kpi) from the catalogue, in display order. */
export const kpiPanelsSchema = z.object({ panels: z.array(indicatorPanelSchema).max(12) });
export type KpiPanels = z.infer<typeof kpiPanelsSchema>;

/**
 * What a kiosk's wall shows (auth/kiosks.ts): its scenes, in its order, at its pace. Scene ids no
 * longer in the layout are skipped; when none is left the wall shows every scene rather than
 * nothing (a blank wall looks like a fault). `rotateSeconds` replaces the layout's and the scenes' own.
 */
export function kioskLayout<L extends WallLayout>(
  layout: L,
  scenes: readonly string[],
  rotateSeconds: number | null,
): L {
  const picked = scenes
    .map((id) => layout.scenes.find((s) => s.id === id))
    .filter((s): s is WallScene => s !== undefined);
  const chosen = picked.length > 0 ? picked : layout.scenes;
  if (rotateSeconds === null) return picked.length > 0 ? { ...layout, scenes: chosen } : layout;
  return { ...layout, rotateSeconds, scenes: chosen.map(({ seconds: _, ...s }) => s) };
}
