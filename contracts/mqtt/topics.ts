/** MQTT topics of the wire contract v1: `city/{city}/…` (see docs/mqtt-contract.md). */

/** An id segment: what a device, agency or indicator may be called in a topic. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export type Topic =
  | { kind: 'sensor_meta'; sensorId: string }
  | { kind: 'sensor_telemetry'; sensorId: string }
  | { kind: 'camera_meta'; cameraId: string }
  | { kind: 'camera_status'; cameraId: string }
  | { kind: 'camera_event'; cameraId: string }
  | { kind: 'case_event'; agencyId: string }
  | { kind: 'document_event'; agencyId: string }
  | { kind: 'indicator_meta'; source: string; key: string }
  | { kind: 'indicator_value'; source: string; key: string }
  | { kind: 'task_event'; agencyId: string };

export type TopicKind = Topic['kind'];

export type ParsedTopic = { ok: true; topic: Topic } | { ok: false; error: string };

/** Parses a topic under `city/{city}/`; anything else is an unknown topic. */
export function parseTopic(topic: string, city: string): ParsedTopic {
  const parts = topic.split('/');
  if (parts.length < 4 || parts[0] !== 'city') return { ok: false, error: `not under city/${city}/` };
  if (parts[1] !== city) return { ok: false, error: `topic is for city "${parts[1]}", this deployment is "${city}"` };
  const [, , family, a, b, c, ...rest] = parts;
  if (rest.length > 0) return { ok: false, error: 'too many topic levels' };
  const bad = [a, b, c].find(
    (seg, i) => seg !== undefined && i < idSegments(family, [a, b, c]) && !ID_PATTERN.test(seg),
  );
  if (bad !== undefined) return { ok: false, error: `invalid id "${bad.slice(0, 64)}" in topic` };
  const ok = (t: Topic): ParsedTopic => ({ ok: true, topic: t });
  switch (family) {
    case 'sensor':
      if (c === undefined && b === 'meta') return ok({ kind: 'sensor_meta', sensorId: a! });
      if (c === undefined && b === 'telemetry') return ok({ kind: 'sensor_telemetry', sensorId: a! });
      break;
    case 'camera':
      if (c === undefined && b === 'meta') return ok({ kind: 'camera_meta', cameraId: a! });
      if (c === undefined && b === 'status') return ok({ kind: 'camera_status', cameraId: a! });
      if (c === undefined && b === 'event') return ok({ kind: 'camera_event', cameraId: a! });
      break;
    case 'case':
      if (c === undefined && b === 'event') return ok({ kind: 'case_event', agencyId: a! });
      break;
    case 'document':
      if (c === undefined && b === 'event') return ok({ kind: 'document_event', agencyId: a! });
      break;
    case 'task':
      if (c === undefined && b === 'event') return ok({ kind: 'task_event', agencyId: a! });
      break;
    case 'indicator':
      if (b !== undefined && c === undefined) return ok({ kind: 'indicator_value', source: a!, key: b });
      if (b !== undefined && c === 'meta') return ok({ kind: 'indicator_meta', source: a!, key: b });
      break;
  }
  return { ok: false, error: `unknown topic "${topic.slice(0, 200)}"` };
}

/** How many of the levels after the family are ids (the rest are fixed words). */
function idSegments(family: string | undefined, levels: (string | undefined)[]): number {
  if (family === 'indicator') return levels[1] === undefined ? 1 : 2;
  return 1;
}

/** Builds topics, for publishers (simulator, tests, benchmarks). */
export const topics = {
  root: (city: string) => `city/${city}/`,
  all: (city: string) => `city/${city}/#`,
  sensorMeta: (city: string, id: string) => `city/${city}/sensor/${id}/meta`,
  sensorTelemetry: (city: string, id: string) => `city/${city}/sensor/${id}/telemetry`,
  cameraMeta: (city: string, id: string) => `city/${city}/camera/${id}/meta`,
  cameraStatus: (city: string, id: string) => `city/${city}/camera/${id}/status`,
  cameraEvent: (city: string, id: string) => `city/${city}/camera/${id}/event`,
  caseEvent: (city: string, agencyId: string) => `city/${city}/case/${agencyId}/event`,
  documentEvent: (city: string, agencyId: string) => `city/${city}/document/${agencyId}/event`,
  indicatorMeta: (city: string, source: string, key: string) => `city/${city}/indicator/${source}/${key}/meta`,
  indicatorValue: (city: string, source: string, key: string) => `city/${city}/indicator/${source}/${key}`,
  taskEvent: (city: string, agencyId: string) => `city/${city}/task/${agencyId}/event`,
} as const;
