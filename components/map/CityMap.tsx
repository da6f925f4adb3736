'use client';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { CameraState, SensorState } from '../../contracts/channels';
import { useI18n } from '../i18n/I18nProvider';
import { LiveBadge } from '../panels/LiveBadge';
import { useChannel } from '../realtime/useChannel';
import { cameraLayer, eventLayer, sensorLayer, type MapData } from './layers';
import { GEO_ATTRIBUTION, offlineStyle } from './map-style';
import { BANDS } from './thresholds';

export interface CityMapProps {
  geo: { wards: string; boundary: string; provinces: string };
  bbox: [number, number, number, number];
  /** An online MapLibre style URL instead of the offline basemap (MAP_STYLE_URL). */
  styleUrl?: string | null;
}

/**
 * The city map: MapLibre draws the basemap (offline by default), deck.gl draws the live layers on
 * top through MapboxOverlay. The map is created once; live updates only replace deck.gl layers.
 */
export default function CityMap({ geo, bbox, styleUrl }: CityMapProps) {
  const { t, number, locale } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const [ready, setReady] = useState(false);
  const sensors = useChannel('map:sensors');
  const cameras = useChannel('map:cameras');
  const events = useChannel('events:cameras');

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: styleUrl ?? offlineStyle(geo),
      bounds: bbox,
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
  }, [geo, bbox, styleUrl]);

  const version = useRef(0);
  useEffect(() => {
    // Effects, not render: the data version and the clock that ages event halos are impure.
    version.current++;
    const data: MapData = {
      sensors: Object.values(sensors.data ?? {}),
      cameras: Object.values(cameras.data ?? {}),
      events: events.data ?? [],
      version: version.current,
      now: Date.now(),
    };
    overlay.current?.setProps({
      layers: [sensorLayer(data), cameraLayer(data), eventLayer(data)],
      getTooltip: ({ object, layer }: PickingInfo) => {
        if (!object) return null;
        if (layer?.id === 'sensors') {
          const s = object as SensorState;
          const vals = Object.entries(s.values).map(([m, v]) => `${m}: ${number(v, 1)}`).join('\n');
          return { text: `${s.name ?? s.id}\n${vals}` };
        }
        if (layer?.id === 'cameras') {
          const c = object as CameraState;
          return { text: `${c.name ?? c.id}${c.road ? ` · ${c.road}` : ''}\n${c.online === false ? t('map.offline') : t('map.online')}` };
        }
        return null;
      },
    });
  }, [sensors.data, cameras.data, events.data, ready, number, t]);

  const status = [sensors.status, cameras.status].includes('offline') ? 'offline' : sensors.status;
  return (
    <section className="city-map" data-testid="city-map">
      <div ref={container} className="city-map-canvas" />
      <div className="city-map-status">
        <LiveBadge status={status} lastUpdate={sensors.lastUpdate} />
      </div>
      <div className="city-map-legend" data-testid="map-legend">
        <h3>PM2.5 (µg/m³)</h3>
        <ul>
          {BANDS.pm25!.map((b) => (
            <li key={b.label_en}>
              <span className="swatch" style={{ background: `rgb(${b.color.join(',')})` }} />
              {locale === 'vi' ? b.label_vi : b.label_en}
              {Number.isFinite(b.upTo) ? ` ≤ ${b.upTo}` : ''}
            </li>
          ))}
        </ul>
        <h3>{t('map.cameras')}</h3>
        <ul>
          <li><span className="swatch ring online" />{t('map.online')}</li>
          <li><span className="swatch ring offline" />{t('map.offline')}</li>
          <li><span className="swatch ring event" />{t('map.recentEvent')}</li>
        </ul>
      </div>
    </section>
  );
}
