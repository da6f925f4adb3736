'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useCity } from '../city/CityProvider';
import { useI18n } from '../i18n/I18nProvider';
import { LiveBadge } from '../panels/LiveBadge';
import { wardChoroplethLayer } from './choropleth';
import { cameraLayer, eventLayer, sensorLayer, StablePlaced, type MapData } from './layers';
import { useMapChannels, type MapLayerKind } from './map-channels';
import { useChoropleth } from './map-choropleth';
import { GEO_ATTRIBUTION, offlineStyle, type MapTheme } from './map-style';
import { mapTooltip } from './map-tooltip';
import { MapLegend } from './MapLegend';
import type { ChoroplethKind } from './ward-values';

export type { MapLayerKind } from './map-channels';

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

/**
 * The city map: MapLibre draws the basemap (offline by default), deck.gl draws the live layers on
 * top through MapboxOverlay. The map is created once; live updates only replace deck.gl layer
 * descriptors, which deck.gl diffs (colours recomputed only when the data version moves).
 * Which channels it reads (map-channels.ts), the choropleth's values and scale (map-choropleth.ts),
 * the tooltip (map-tooltip.ts) and the legend (MapLegend.tsx) are their own modules.
 */
export default function CityMap({
  theme = 'dark',
  layers = ALL,
  choropleth = null,
  wardValues: givenWardValues,
  legendTitle,
  testId = 'city-map',
}: CityMapProps) {
  const { t, number, locale } = useI18n();
  const { map: city, cameraOfflineAfterMs } = useCity();
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const [ready, setReady] = useState(false);
  const want = (k: MapLayerKind) => layers.includes(k);
  const { sensors, cameras, events, cases, status, lastUpdate } = useMapChannels(
    layers,
    choropleth,
    givenWardValues !== undefined,
  );
  const {
    wards,
    values: wardValues,
    scale,
  } = useChoropleth({
    kind: choropleth,
    wardsUrl: `/${city.geo.wards}`,
    sensors: sensors.data,
    byAgency: cases.data?.byAgency,
    given: givenWardValues,
  });

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

  const version = useRef(0);
  const sensorPoints = useRef(new StablePlaced());
  const cameraPoints = useRef(new StablePlaced());
  // `layers` is a prop array: its content, not its identity, decides what is drawn.
  const layerKey = layers.join();
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
    if (choropleth && wards)
      drawn.push(
        wardChoroplethLayer({
          wards,
          values: wardValues,
          scale,
          version: version.current,
          opacity: theme === 'light' ? 0.7 : 0.45,
        }),
      );
    if (want('sensors')) drawn.push(sensorLayer(data));
    if (want('cameras')) drawn.push(cameraLayer(data));
    if (want('events')) drawn.push(eventLayer(data));
    overlay.current?.setProps({
      layers: drawn,
      getTooltip: mapTooltip({
        data,
        wardValues,
        choropleth,
        locale,
        number,
        words: { online: t('map.online'), offline: t('map.offline'), noData: t('map.noData') },
      }),
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- layerKey stands for `layers`
  }, [
    sensors.data,
    cameras.data,
    events.data,
    ready,
    number,
    t,
    locale,
    wards,
    wardValues,
    scale,
    choropleth,
    theme,
    layerKey,
    cameraOfflineAfterMs,
  ]);

  return (
    // data-ready: the basemap has loaded (and the ward polygons, for a choropleth) — what a screenshot waits for.
    <section
      className={`city-map theme-${theme}`}
      data-testid={testId}
      data-status={status}
      data-ready={ready && (!choropleth || wards !== null)}
    >
      <div ref={container} className="city-map-canvas" />
      <div className="city-map-status">
        <LiveBadge status={status} lastUpdate={lastUpdate} />
      </div>
      <MapLegend layers={layers} choropleth={choropleth} scale={scale} title={legendTitle} />
    </section>
  );
}
