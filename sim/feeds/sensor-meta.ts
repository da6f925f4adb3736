/**
 * Retained device metadata: where each sensor and camera is and what it is called.
 * Retained so that an ingest or console that starts later still learns every device.
 */
import { topics } from '../../contracts/mqtt/topics';
import type { CityModel } from '../city-model';
import type { SimMessage } from '../message';

export function sensorMetaMessages(model: CityModel): SimMessage[] {
  return model.sensors.map((s) => ({
    topic: topics.sensorMeta(model.city.id, s.id),
    payload: { name: s.name, kind: s.kind, lon: s.lon, lat: s.lat, ward: s.ward.fullName },
    retain: true,
  }));
}

export function cameraMetaMessages(model: CityModel): SimMessage[] {
  return model.cameras.map((c) => ({
    topic: topics.cameraMeta(model.city.id, c.id),
    payload: {
      name: c.name,
      lon: c.lon,
      lat: c.lat,
      road: c.road,
      ward: c.ward.fullName,
      ...(c.streamUrl ? { stream_url: c.streamUrl } : {}),
    },
    retain: true,
  }));
}

/** Every retained meta of the city: published at start and after each reconnect. */
export function metaMessages(model: CityModel): SimMessage[] {
  return [...sensorMetaMessages(model), ...cameraMetaMessages(model)];
}
