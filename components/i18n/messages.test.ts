import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CAMERA_EVENT_TYPES } from '../../contracts/mqtt/payloads';
import { CHOROPLETHS, INDICATOR_DISPLAYS } from '../../contracts/wall';
import { format, LOCALES, messagesFor } from './messages';

// Keys built at run time (`event.${type}`…) escape the type check: every value they can take is listed here.
const dynamicKeys = [
  ...CAMERA_EVENT_TYPES.map((t) => `event.${t}`),
  ...CHOROPLETHS.map((c) => `map.choropleth.${c}`),
  ...['pm25', 'pm10', 'water_level_cm', 'noise_db', 'temp_c', 'humidity_pct', 'rain_mm', 'wind_ms'].map(
    (m) => `metric.${m}`,
  ),
  ...[1, 2, 3].map((s) => `alarms.sev${s}`),
  ...['connecting', 'live', 'stale', 'offline'].map((s) => `live.${s}`),
  ...['online', 'offline', 'silent'].map((h) => `cameras.health.${h}`),
  ...INDICATOR_DISPLAYS.map((d) => `indicators.display.${d}`),
  ...['open', 'done', 'cancelled'].map((s) => `tasks.status.${s}`),
  ...['today', '7d', '30d'].map((p) => `alarms.history.${p}`),
  ...['active', 'acknowledged', 'cleared'].map((s) => `alarms.history.state.${s}`),
];

test('every key built at run time exists, non-empty, in both languages', () => {
  for (const locale of LOCALES) {
    const m = messagesFor(locale) as Record<string, string>;
    for (const k of dynamicKeys) assert.ok(m[k]?.trim(), `${locale}: ${k}`);
  }
});

test('both languages use the same placeholders in every message', () => {
  const vi = messagesFor('vi') as Record<string, string>;
  const en = messagesFor('en') as Record<string, string>;
  const holes = (s: string) =>
    [...s.matchAll(/\{(\w+)\}/g)]
      .map((x) => x[1])
      .sort()
      .join(',');
  for (const k of Object.keys(vi)) assert.equal(holes(en[k]!), holes(vi[k]!), k);
  assert.equal(format('{a} và {b}', { a: 1 }), '1 và {b}', 'a missing value stays visible');
});
