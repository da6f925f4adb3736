/**
 * Video-wall layouts: which scenes a wall shows, in what order, for how long. Kept as JSON
 * (config/walls/*.json, WALL_LAYOUT) and validated here, so a wall changes without code.
 */
import { z } from 'zod';

export const PANEL_KINDS = ['map', 'city-figures', 'latest-readings', 'cases-by-agency', 'camera-events'] as const;

export const wallSceneSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  title_vi: z.string().min(1).max(80),
  title_en: z.string().min(1).max(80),
  /** Panels in reading order; the scene lays them out on a grid that fits any screen. */
  panels: z.array(z.enum(PANEL_KINDS)).min(1).max(4),
  /** Overrides the layout's rotation for this scene. */
  seconds: z.number().int().min(5).max(3600).optional(),
});

export const wallLayoutSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().min(1).max(120),
  rotateSeconds: z.number().int().min(5).max(3600),
  scenes: z.array(wallSceneSchema).min(1).max(20),
});

export type WallScene = z.infer<typeof wallSceneSchema>;
export type WallLayout = z.infer<typeof wallLayoutSchema>;
export type PanelKind = (typeof PANEL_KINDS)[number];
