/** What the map says of the object under the pointer: a sensor's readings, a camera's state, a ward's value. */
import type { PickingInfo } from '@deck.gl/core';
import type { Locale } from '../i18n/messages';
import type { WardProps } from './choropleth';
import { cameraOnline, type MapData, type PlacedPoint } from './layers';
import type { ChoroplethKind } from './ward-values';

export interface TooltipContext {
  data: MapData;
  wardValues: Readonly<Record<string, number>>;
  choropleth: ChoroplethKind | null;
  locale: Locale;
  number: (n: number, digits?: number) => string;
  /** The three words the tooltip needs, already translated. */
  words: { online: string; offline: string; noData: string };
}

export function mapTooltip({
  data,
  wardValues,
  choropleth,
  locale,
  number,
  words,
}: TooltipContext): (info: PickingInfo) => { text: string } | null {
  return ({ object, layer }) => {
    if (!object) return null;
    if (layer?.id === 'sensors') {
      const s = data.sensorsById[(object as PlacedPoint).id];
      if (!s) return null;
      const vals = Object.entries(s.values)
        .map(([m, v]) => `${m}: ${number(v, 1)}`)
        .join('\n');
      return { text: `${s.name ?? s.id}\n${vals}` };
    }
    if (layer?.id === 'cameras') {
      const c = data.camerasById[(object as PlacedPoint).id];
      if (!c) return null;
      return {
        text: `${c.name ?? c.id}${c.road ? ` · ${c.road}` : ''}\n${cameraOnline(data, c) === false ? words.offline : words.online}`,
      };
    }
    if (layer?.id === 'ward-choropleth') {
      const p = (object as { properties: WardProps }).properties;
      const v = wardValues[p.code];
      const name = locale === 'vi' ? (p.full_name ?? p.name) : (p.full_name_en ?? p.name);
      return { text: `${name}\n${v === undefined ? words.noData : number(v, choropleth === 'pm25' ? 1 : 0)}` };
    }
    return null;
  };
}
