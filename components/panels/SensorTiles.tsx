'use client';
import type { ReadingItem } from '../../contracts/channels';
import { Sparkline } from '../charts/Sparkline';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { bandOf } from '../map/thresholds';
import { useChannel } from '../realtime/useChannel';
import { useNow } from '../realtime/useNow';
import { LiveBadge } from './LiveBadge';

const UNITS: Record<string, string> = {
  pm25: 'µg/m³',
  pm10: 'µg/m³',
  water_level_cm: 'cm',
  noise_db: 'dB',
  temperature: '°C',
  humidity: '%',
};
const HEADLINE = ['pm25', 'water_level_cm', 'noise_db'];

/** The metric a station is judged by: its first headline metric, else the one it reported last. */
export function headlineMetric(readings: readonly ReadingItem[]): string | null {
  for (const m of HEADLINE) if (readings.some((r) => r.metric === m)) return m;
  return readings.at(-1)?.metric ?? null;
}

/**
 * Key monitoring stations on the wall: each one's latest value, coloured by its band, with the
 * last hours as a sparkline. A station silent for longer than `staleAfterMs` says so, whatever the
 * rest of the city is doing — a quiet sensor must never look live.
 */
export function SensorTiles({ sensors, staleAfterMs }: { sensors: readonly string[]; staleAfterMs: number }) {
  const { t } = useI18n();
  const names = useChannel('map:sensors');
  const now = useNow(1000);
  return (
    <section className="panel sensor-tiles" data-testid="sensor-tiles">
      <header>
        <h2>{t('wall.keyStations')}</h2>
      </header>
      <div className="sensor-tile-grid">
        {sensors.map((id) => (
          <SensorTile key={id} id={id} name={names.data?.[id]?.name ?? null} now={now} staleAfterMs={staleAfterMs} />
        ))}
      </div>
    </section>
  );
}

function SensorTile({
  id,
  name,
  now,
  staleAfterMs,
}: {
  id: string;
  name: string | null;
  now: number;
  staleAfterMs: number;
}) {
  const { t, number } = useI18n();
  const feed = useChannel(`sensor:${id}`);
  const readings = feed.data ?? [];
  const metric = headlineMetric(readings);
  const series = metric ? readings.filter((r) => r.metric === metric) : [];
  const latest = series.at(-1) ?? null;
  const band = latest && metric ? bandOf(metric, latest.value) : null;
  const status =
    feed.status !== 'live' ? feed.status : latest === null || now - latest.timeMs > staleAfterMs ? 'stale' : 'live';
  return (
    <article
      className={`sensor-tile ${status === 'live' ? '' : 'is-stale'}`}
      data-testid={`sensor-tile-${id}`}
      data-status={status}
      style={band ? { borderTopColor: `rgb(${band.color.join(',')})` } : undefined}
    >
      <h3>{name ?? id}</h3>
      <p className="metric">{metric ? t(`metric.${metric}` as MessageKey) : '—'}</p>
      <p className="value" data-testid={`sensor-tile-${id}-value`}>
        {latest ? number(latest.value, 1) : '—'} <small>{metric ? (UNITS[metric] ?? '') : ''}</small>
      </p>
      <Sparkline values={series.map((r) => r.value)} width={220} height={44} label={t('wall.lastHours')} />
      <LiveBadge status={status} lastUpdate={latest?.timeMs ?? null} />
    </article>
  );
}
