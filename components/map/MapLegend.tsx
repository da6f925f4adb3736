'use client';
/** The map's legend: the choropleth's classes, the PM2.5 bands of the sensor points, the camera rings. */
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import type { ChoroplethScale } from './choropleth';
import type { MapLayerKind } from './map-channels';
import { BANDS } from './thresholds';
import type { ChoroplethKind } from './ward-values';

export interface MapLegendProps {
  layers: readonly MapLayerKind[];
  choropleth: ChoroplethKind | null;
  scale: ChoroplethScale;
  title?: string;
}

export function MapLegend({ layers, choropleth, scale, title }: MapLegendProps) {
  const { t, number, locale } = useI18n();
  const want = (k: MapLayerKind) => layers.includes(k);
  const bandLabel = (b: { label_vi: string; label_en: string }) => (locale === 'vi' ? b.label_vi : b.label_en);
  return (
    <div className="city-map-legend" data-testid="map-legend">
      {choropleth && (
        <>
          <h3>{title ?? t(`map.choropleth.${choropleth}` as MessageKey)}</h3>
          <ul data-testid="choropleth-legend">
            {scale.colors.map((c, i) => (
              <li key={i}>
                <span className="swatch square" style={{ background: `rgb(${c.join(',')})` }} />
                {choropleth === 'pm25'
                  ? `${bandLabel(BANDS.pm25![i]!)}${i < scale.breaks.length ? ` ≤ ${scale.breaks[i]}` : ''}`
                  : i === 0
                    ? `≤ ${number(scale.breaks[0]!)}`
                    : i < scale.breaks.length
                      ? `${number(scale.breaks[i - 1]!)} – ${number(scale.breaks[i]!)}`
                      : `> ${number(scale.breaks.at(-1)!)}`}
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
            <li>
              <span className="swatch ring online" />
              {t('map.online')}
            </li>
            <li>
              <span className="swatch ring offline" />
              {t('map.offline')}
            </li>
            {want('events') && (
              <li>
                <span className="swatch ring event" />
                {t('map.recentEvent')}
              </li>
            )}
          </ul>
        </>
      )}
    </div>
  );
}
