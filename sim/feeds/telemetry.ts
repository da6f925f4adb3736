/**
 * Sensor telemetry: each sensor reports every `periodMs`, at its own phase so the fleet
 * is staggered rather than all speaking on the same tick. Report times are a fixed grid
 * per sensor, so any cut of the timeline into windows yields each report exactly once.
 */
import { topics } from '../../contracts/mqtt/topics';
import type { CityModel, SimSensor } from '../city-model';
import { isoLocal } from '../clock';
import type { SimMessage, TimeWindow } from '../message';
import { readingsOf } from './readings';

/** Natural reporting period of a sensor. */
export const SENSOR_PERIOD_MS = 10_000;

/** Report instants of one sensor inside the window: offset + k·period. */
export function* reportTimes(phase: number, periodMs: number, window: TimeWindow): Generator<number> {
  const period = Math.max(1, Math.round(periodMs));
  const offset = Math.floor(phase * period);
  let k = Math.ceil((window.from - offset) / period);
  for (let t = offset + k * period; t < window.to; t = offset + ++k * period) yield t;
}

export function telemetryMessage(model: CityModel, sensor: SimSensor, ms: number): SimMessage {
  return {
    topic: topics.sensorTelemetry(model.city.id, sensor.id),
    payload: { ts: isoLocal(ms, model.city.timeZone), values: readingsOf(model, sensor, ms) },
  };
}

/** All sensors' reports in the window, sensor by sensor. */
export function* telemetryMessages(
  model: CityModel,
  window: TimeWindow,
  periodMs = SENSOR_PERIOD_MS,
): Generator<SimMessage> {
  for (const sensor of model.sensors) {
    for (const t of reportTimes(sensor.phase, periodMs, window)) yield telemetryMessage(model, sensor, t);
  }
}
