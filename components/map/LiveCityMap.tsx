'use client';
import dynamic from 'next/dynamic';
import type { CityMapProps } from './CityMap';

/**
 * Loads a code chunk, retrying every few seconds: a wall that lost its network while loading must
 * get its map when the network returns, without anyone reloading it.
 */
async function withRetry<T>(load: () => Promise<T>): Promise<T> {
  for (let delay = 2000; ; delay = Math.min(delay * 2, 30_000)) {
    try {
      return await load();
    } catch {
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

// MapLibre and deck.gl need a browser (WebGL, window): never rendered on the server.
const CityMap = dynamic(() => withRetry(() => import('./CityMap')), {
  ssr: false,
  loading: () => <section className="city-map city-map-loading" />,
});

export function LiveCityMap(props: CityMapProps) {
  return <CityMap {...props} />;
}
