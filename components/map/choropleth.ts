/**
 * The ward/commune choropleth: the city's 114 wards and communes (public/geo, code = the 2025
 * administrative code) coloured by one KPI. The polygons are loaded once and tessellated once;
 * a live update changes only the colours (`updateTriggers`), never the geometry.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Rgb } from './thresholds';

export interface WardProps {
  code: string;
  name: string;
  full_name?: string;
  full_name_en?: string;
}
export type WardFeature = Feature<Geometry, WardProps>;
export type WardCollection = FeatureCollection<Geometry, WardProps>;

/** A sequential colour scale over [0, max]: light to deep, readable on dark and light maps. */
export interface ChoroplethScale {
  /** Colours from the lowest to the highest class. */
  colors: Rgb[];
  /** Upper bound of each class but the last (length = colors.length - 1). */
  breaks: number[];
}

export const BLUES: Rgb[] = [
  [222, 235, 247],
  [158, 202, 225],
  [66, 146, 198],
  [33, 113, 181],
  [8, 48, 107],
];
export const REDS: Rgb[] = [
  [254, 229, 217],
  [252, 174, 145],
  [251, 106, 74],
  [222, 45, 38],
  [165, 15, 21],
];

/**
 * Class breaks at "nice" equal steps up to the largest value, so the legend reads well. Counts
 * (`integer`) step by whole numbers: "0 – 0.2 dossiers" means nothing.
 */
export function equalBreaks(values: number[], colors: Rgb[] = BLUES, integer = false): ChoroplethScale {
  const max = Math.max(0, ...values.filter(Number.isFinite));
  const classes = colors.length;
  if (max <= 0) return { colors, breaks: Array.from({ length: classes - 1 }, (_, i) => i + 1) };
  const rawStep = max / classes;
  const pow = 10 ** Math.floor(Math.log10(rawStep));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= rawStep) ?? rawStep;
  const step = integer ? Math.max(1, Math.ceil(nice)) : nice;
  return { colors, breaks: Array.from({ length: classes - 1 }, (_, i) => Number(((i + 1) * step).toPrecision(6))) };
}

/** Fixed breaks, e.g. the bands of a sensor metric. */
export function fixedScale(breaks: number[], colors: Rgb[]): ChoroplethScale {
  if (breaks.length !== colors.length - 1) throw new Error('a scale needs one break fewer than colours');
  return { colors, breaks };
}

export function classColor(scale: ChoroplethScale, value: number): Rgb {
  const i = scale.breaks.findIndex((b) => value <= b);
  return scale.colors[i === -1 ? scale.colors.length - 1 : i]!;
}

export interface ChoroplethData {
  wards: WardCollection;
  /** KPI value per ward code; wards without a value are drawn as "no data". */
  values: Readonly<Record<string, number>>;
  scale: ChoroplethScale;
  /** Bumped when `values` or `scale` change: colours are recomputed only then. */
  version: number;
  opacity?: number;
}

const NO_DATA: [number, number, number, number] = [128, 138, 158, 40];

export function wardChoroplethLayer(d: ChoroplethData) {
  const alpha = Math.round(255 * (d.opacity ?? 0.55));
  return new GeoJsonLayer<WardProps>({
    id: 'ward-choropleth',
    data: d.wards,
    pickable: true,
    // The ward outlines come from the basemap ('wards-line'). Stroking them here again cost ~2 s of
    // software-rendered GPU time per colour update on the test machine (measured: long tasks of
    // 2 s on the wall's environment scene with it, under 0.2 s without).
    stroked: false,
    filled: true,
    getFillColor: (f) => {
      const v = d.values[f.properties.code];
      return v === undefined ? NO_DATA : [...classColor(d.scale, v), alpha];
    },
    updateTriggers: { getFillColor: d.version },
  });
}
