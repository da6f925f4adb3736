'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCity } from '../city/CityProvider';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { LiveBadge } from '../panels/LiveBadge';
import { useChannel, type LiveStatus } from '../realtime/useChannel';
import { useScopedFigures } from '../realtime/useScopedFigures';
import { equalBreaks, fixedScale, REDS, BLUES, wardChoroplethLayer, type ChoroplethScale, type WardCollection, type WardProps } from './choropleth';
import { cameraLayer, cameraOnline, eventLayer, sensorLayer, StablePlaced, type MapData, type PlacedPoint } from './layers';
import { GEO_ATTRIBUTION, offlineStyle, type MapTheme } from './map-style';
import { BANDS } from './thresholds';
import { casesByWard, pm25ByWard, type ChoroplethKind } from './ward-values';

export type MapLayerKind = 'sensors' | 'cameras' | 'events';

export interface CityMapProps {
  theme?: MapTheme;
  /** The live point layers to draw (default: all three). */
  layers?: readonly MapLayerKind[];
  /** Colour the wards/communes by a KPI. */
  choropleth?: ChoroplethKind | null;
  /** Values per ward code for the `cases` choropleth instead of today's live channel (e.g. a review period). */
  wardValues?: Readonly<Record<string, number>>;
  /** The choropleth legend's title, when the values are not the default's (e.g. a review period). */
  legendTitle?: string;
  testId?: string;
}

const ALL: readonly MapLayerKind[] = ['sensors', 'cameras', 'events'];

/** Ward polygons are fetched once per page and shared by every map on it. */
let wardsOnce: Promise<WardCollection> | null = null;
function loadWards(url: string): Promise<WardCollection> {
  wardsOnce ??= fetch(url).then((r) => {
    if (!r.ok) throw new Error(`ward boundaries: HTTP ${r.status}`);
    return r.json() as Promise<WardCollection>;
  });
  return wardsOnce;
}

/** PM2.5 wards use the sensor bands' breaks, so map and legend agree with the point colours. */
const PM25_SCALE: ChoroplethScale = fixedScale(BANDS.pm25!.slice(0, -1).map((b) => b.upTo), BANDS.pm25!.map((b) => b.color));

/**
 * The city map: MapLibre draws the basemap (offline by default), deck.gl draws the live layers on
 * top through MapboxOverlay. The map is created once; live updates only replace deck.gl layer
 * descriptors, which deck.gl diffs (colours recomputed only when the data version moves).
 */
export default function CityMap({ theme = 'dark', layers = ALL, choropleth = null, wardValues: givenWardValues, legendTitle, testId = 'city-map' }: CityMapProps) {
  const { t, number, locale } = useI18n();
  const { map: city, cameraOfflineAfterMs } = useCity();
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const [ready, setReady] = useState(false);
  const [wards, setWards] = useState<WardCollection | null>(null);
  const want = (k: MapLayerKind) => layers.includes(k);
  const sensors = useChannel(want('sensors') || choropleth === 'pm25' ? 'map:sensors' : null);
  const cameras = useChannel(want('cameras') || want('events') ? 'map:cameras' : null);
  const events = useChannel(want('events') ? 'events:cameras' : null);
  const cases = useScopedFigures(choropleth === 'cases' && !givenWardValues ? 'kpi:cases' : null);

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: city.styleUrl ?? offlineStyle(city.geo, theme),
      bounds: city.bbox,
      fitBoundsOptions: { padding: 20 },
      attributionControl: { compact: true, customAttribution: GEO_ATTRIBUTION },
      dragRotate: false,
      pitchWithRotate: false,
    });
    const o = new MapboxOverlay({ interleaved: false, layers: [] });
    map.addControl(o);
    overlay.current = o;
    map.once('load', () => setReady(true));
    return () => {
      overlay.current = null;
      map.remove(); // also finalizes the overlay's deck instance and its WebGL resources
    };
  }, [city, theme]);

  useEffect(() => {
    if (!choropleth) return;
    let alive = true;
    loadWards(`/${city.geo.wards}`).then((w) => alive && setWards(w), () => undefined);
    return () => {
      alive = false;
    };
  }, [choropleth, city.geo.wards]);

  const wardValues = useMemo(() => {
    if (choropleth === 'pm25') return pm25ByWard(Object.values(sensors.data ?? {}));
    if (choropleth === 'cases') return givenWardValues ?? casesByWard(cases.data?.byAgency ?? []);
    return {};
  }, [choropleth, sensors.data, cases.data, givenWardValues]);
  const scale = useMemo(() => (choropleth === 'pm25' ? PM25_SCALE : equalBreaks(Object.values(wardValues), choropleth === 'cases' ? BLUES : REDS, choropleth === 'cases')), [choropleth, wardValues]);

  const version = useRef(0);
  const sensorPoints = useRef(new StablePlaced());
  const cameraPoints = useRef(new StablePlaced());
  useEffect(() => {
    // Effects, not render: the data version and the clock that ages event halos are impure.
    version.current++;
    const sensorsById = sensors.data ?? {};
    const camerasById = cameras.data ?? {};
    const data: MapData = {
      sensors: sensorPoints.current.update(Object.values(sensorsById)),
      cameras: cameraPoints.current.update(Object.values(camerasById)),
      sensorsById,
      camerasById,
      events: events.data ?? [],
      version: version.current,
      now: Date.now(),
      cameraOfflineAfterMs,
    };
    const drawn: Layer[] = [];
    if (choropleth && wards) drawn.push(wardChoroplethLayer({ wards, values: wardValues, scale, version: version.current, opacity: theme === 'light' ? 0.7 : 0.45 }));
    if (want('sensors')) drawn.push(sensorLayer(data));
    if (want('cameras')) drawn.push(cameraLayer(data));
    if (want('events')) drawn.push(eventLayer(data));
    overlay.current?.setProps({
      layers: drawn,
      getTooltip: ({ object, layer }: PickingInfo) => {
        if (!object) return null;
        if (layer?.id === 'sensors') {
          const s = sensorsById[(object as PlacedPoint).id];
          if (!s) return null;
          const vals = Object.entries(s.values).map(([m, v]) => `${m}: ${number(v, 1)}`).join('\n');
          return { text: `${s.name ?? s.id}\n${vals}` };
        }
        if (layer?.id === 'cameras') {
          const c = camerasById[(object as PlacedPoint).id];
          if (!c) return null;
          return { text: `${c.name ?? c.id}${c.road ? ` · ${c.road}` : ''}\n${cameraOnline(data, c) === false ? t('map.offline') : t('map.online')}` };
        }
        if (layer?.id === 'ward-choropleth') {
          const p = (object as { properties: WardProps }).properties;
          const v = wardValues[p.code];
          const name = locale === 'vi' ? (p.full_name ?? p.name) : (p.full_name_en ?? p.name);
          return { text: `${name}\n${v === undefined ? t('map.noData') : number(v, choropleth === 'pm25' ? 1 : 0)}` };
        }
        return null;
      },
    });
    // `layers` is a prop array: its content, not its identity, decides what is drawn.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sensors.data, cameras.data, events.data, ready, number, t, locale, wards, wardValues, scale, choropleth, theme, layers.join(), cameraOfflineAfterMs]);

  const used = [want('sensors') || choropleth === 'pm25' ? sensors : null, want('cameras') ? cameras : null, choropleth === 'cases' && !givenWardValues ? cases : null]
    .filter((v): v is NonNullable<typeof v> => v !== null);
  const status: LiveStatus = used.some((v) => v.status === 'offline') ? 'offline' : used.some((v) => v.status === 'stale') ? 'stale' : used.some((v) => v.status === 'connecting') ? 'connecting' : 'live';
  const lastUpdate = Math.max(0, ...used.map((v) => v.lastUpdate ?? 0)) || null;
  const bandLabel = (b: { label_vi: string; label_en: string }) => (locale === 'vi' ? b.label_vi : b.label_en);
  return (
    // data-ready: the basemap has loaded (and the ward polygons, for a choropleth) — what a screenshot waits for.
    <section className={`city-map theme-${theme}`} data-testid={testId} data-status={status} data-ready={ready && (!choropleth || wards !== null)}>
      <div ref={container} className="city-map-canvas" />
      <div className="city-map-status">
        <LiveBadge status={status} lastUpdate={lastUpdate} />
      </div>
      <div className="city-map-legend" data-testid="map-legend">
        {choropleth && (
          <>
            <h3>{legendTitle ?? t(`map.choropleth.${choropleth}` as MessageKey)}</h3>
            <ul data-testid="choropleth-legend">
              {scale.colors.map((c, i) => (
                <li key={i}>
                  <span className="swatch square" style={{ background: `rgb(${c.join(',')})` }} />
                  {choropleth === 'pm25'
                    ? `${bandLabel(BANDS.pm25![i]!)}${i < scale.breaks.length ? ` ≤ ${scale.breaks[i]}` : ''}`
                    : i === 0 ? `≤ ${number(scale.breaks[0]!)}` : i < scale.breaks.length ? `${number(scale.breaks[i - 1]!)} – ${number(scale.breaks[i]!)}` : `> ${number(scale.breaks.at(-1)!)}`}
                </li>
              ))}
            </ul>
          </>
        )}
        {want('sensors') && choropleth !== 'pm25' && (
          <>
            <h3>PM2.5 (µg/m³)</h3>
            <ul>
              {BANDS.pm25!.map((b) => (
                <li key={b.label_en}>
                  <span className="swatch" style={{ background: `rgb(${b.color.join(',')})` }} />
                  {bandLabel(b)}
                  {Number.isFinite(b.upTo) ? ` ≤ ${b.upTo}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
        {want('cameras') && (
          <>
            <h3>{t('map.cameras')}</h3>
            <ul>
              <li><span className="swatch ring online" />{t('map.online')}</li>
              <li><span className="swatch ring offline" />{t('map.offline')}</li>
              {want('events') && <li><span className="swatch ring event" />{t('map.recentEvent')}</li>}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
