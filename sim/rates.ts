/**
 * Message rates: what the city says on its own (the natural rate), and how fast sensors
 * must report for a requested total rate. Only telemetry scales: a load test wants many
 * readings, not a thousand times more car accidents.
 */
import type { CityModel } from './city-model';
import { SENSOR_PERIOD_MS } from './feeds/telemetry';
import { CAMERA_STATUS_PERIOD_MS } from './feeds/camera';
import { eventRates } from './feeds/camera-events';
import { dailyCaseVolume } from './feeds/cases';
import { dailyDocumentVolume } from './feeds/documents';

export interface NaturalRates {
  telemetry: number;
  cameraStatus: number;
  cameraEvents: number;
  cases: number;
  documents: number;
  total: number;
}

const CALM = { rainMmH: 0, recentRainMmH: 0, storm: 0, tempC: 28, humidityPct: 80, windMs: 3 };
/** Events per dossier (received, assigned, outcome; supplements are rare). */
const EVENTS_PER_CASE = 3.1;
/** Share of a week's volume relative to five full working days (weekends add a little online). */
const WEEK_FACTOR = (5 + 0.3 * 0.55 + 0.15 * 0.55) / 7;

/** Average messages per second over a dry week, by feed. */
export function naturalRates(model: CityModel): NaturalRates {
  const telemetry = (model.sensors.length * 1000) / SENSOR_PERIOD_MS;
  const cameraStatus = (model.cameras.length * 1000) / CAMERA_STATUS_PERIOD_MS;
  let perCameraHour = 0;
  for (let weekday = 0; weekday < 7; weekday++)
    for (let h = 0; h < 24; h++)
      perCameraHour += Object.values(eventRates(h + 0.5, weekday, CALM, false)).reduce((s, r) => s + r, 0) / (7 * 24);
  const cameraEvents = (perCameraHour * model.cameras.length) / 3600;
  const cases =
    (model.agencies.reduce((s, a) => s + dailyCaseVolume(model, a), 0) * EVENTS_PER_CASE * WEEK_FACTOR) / 86_400;
  const docsPerDay = model.agencies.reduce((s, a) => {
    const v = dailyDocumentVolume(model, a);
    return s + 3 * v.incoming + 2 * v.outgoing;
  }, 0);
  const documents = (docsPerDay * (5 / 7)) / 86_400;
  return {
    telemetry,
    cameraStatus,
    cameraEvents,
    cases,
    documents,
    total: telemetry + cameraStatus + cameraEvents + cases + documents,
  };
}

/** Per-sensor reporting period that makes the total about `rate` msg/s (undefined or 0 = natural). */
export function telemetryPeriodFor(model: CityModel, rate: number | undefined): number {
  if (!rate || rate <= 0 || model.sensors.length === 0) return SENSOR_PERIOD_MS;
  const r = naturalRates(model);
  const telemetryRate = Math.max(0.1, rate - (r.total - r.telemetry));
  return Math.max(1, (model.sensors.length * 1000) / telemetryRate);
}
