'use client';
import dynamic from 'next/dynamic';
import type { CityMapProps } from './CityMap';

// MapLibre and deck.gl need a browser (WebGL, window): never rendered on the server.
const CityMap = dynamic(() => import('./CityMap'), { ssr: false, loading: () => <section className="city-map city-map-loading" /> });

export function LiveCityMap(props: CityMapProps) {
  return <CityMap {...props} />;
}
