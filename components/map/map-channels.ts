'use client';
/**
 * Which live channels a map subscribes to for what it draws, and the one status its badge shows.
 * A layer or choropleth that is not drawn subscribes to nothing.
 */
import type { LiveStatus } from '../realtime/useChannel';
import { useChannel } from '../realtime/useChannel';
import { useScopedFigures } from '../realtime/useScopedFigures';
import type { ChoroplethKind } from './ward-values';

export type MapLayerKind = 'sensors' | 'cameras' | 'events';

export interface ChannelChoice {
  sensors: boolean;
  cameras: boolean;
  events: boolean;
  /** Today's dossiers per agency (the `cases` choropleth), unless the caller gives the values. */
  cases: boolean;
}

/** The channels a map needs: the PM2.5 choropleth reads the sensors, the event halos the cameras' places. */
export function channelChoice(
  layers: readonly MapLayerKind[],
  choropleth: ChoroplethKind | null,
  valuesGiven: boolean,
): ChannelChoice {
  const want = (k: MapLayerKind) => layers.includes(k);
  return {
    sensors: want('sensors') || choropleth === 'pm25',
    cameras: want('cameras') || want('events'),
    events: want('events'),
    cases: choropleth === 'cases' && !valuesGiven,
  };
}

interface Feed {
  status: LiveStatus;
  lastUpdate: number | null;
}

/** The worst status of the feeds shown (offline, then stale, then connecting), and the latest update among them. */
export function combinedStatus(feeds: readonly Feed[]): { status: LiveStatus; lastUpdate: number | null } {
  const any = (s: LiveStatus) => feeds.some((f) => f.status === s);
  const status: LiveStatus = any('offline')
    ? 'offline'
    : any('stale')
      ? 'stale'
      : any('connecting')
        ? 'connecting'
        : 'live';
  return { status, lastUpdate: Math.max(0, ...feeds.map((f) => f.lastUpdate ?? 0)) || null };
}

export function useMapChannels(
  layers: readonly MapLayerKind[],
  choropleth: ChoroplethKind | null,
  valuesGiven: boolean,
) {
  const c = channelChoice(layers, choropleth, valuesGiven);
  const sensors = useChannel(c.sensors ? 'map:sensors' : null);
  const cameras = useChannel(c.cameras ? 'map:cameras' : null);
  const events = useChannel(c.events ? 'events:cameras' : null);
  const cases = useScopedFigures(c.cases ? 'kpi:cases' : null);
  // The badge follows what is drawn: the cameras' channel when they are, not when only their events are.
  const shown = [
    c.sensors ? sensors : null,
    layers.includes('cameras') ? cameras : null,
    c.cases ? cases : null,
  ].filter((v): v is NonNullable<typeof v> => v !== null);
  return { sensors, cameras, events, cases, ...combinedStatus(shown) };
}
