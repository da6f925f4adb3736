/**
 * Who may publish what (docs/security.md, "MQTT"): a device, an agency's system or an indicator
 * source signs in with its own id as its user name and publishes only under that id. One rule,
 * enforced in three places:
 *  - Mosquitto: deploy/mosquitto.acl (`pattern write city/<city>/+/%u/…`, `…/indicator/%u/#`);
 *  - the embedded broker (aedes) given MQTT_DEVICE_CREDENTIALS: `mayPublish` below;
 *  - the ingest, when the broker names the publisher in the MQTT 5 user property
 *    PUBLISHER_PROPERTY: the id in the topic must be that publisher (`topicOwner`).
 */
import type { Topic } from './topics';

/**
 * The MQTT 5 user property naming the signed-in publisher, set by the broker (a plugin, a bridge),
 * never trusted from a device: a broker that passes it through from clients makes it worthless, so
 * the broker must overwrite or strip what a client sent (docs/security.md).
 */
export const PUBLISHER_PROPERTY = 'cityops-publisher';

/** The leaf levels a device publishes under its id (deploy/mosquitto.acl). */
const DEVICE_LEAVES = new Set(['meta', 'telemetry', 'status', 'event']);

/**
 * The deploy/mosquitto.acl rule for a publisher signed in as `user`:
 * `city/<city>/<family>/<user>/{meta,telemetry,status,event}` or `city/<city>/indicator/<user>/…`.
 * Topics outside the contract but under the publisher's id pass here, as they do in Mosquitto:
 * the ingest dead-letters them as unknown_topic, where operators look.
 */
export function mayPublish(user: string, topic: string, city: string): boolean {
  const p = topic.split('/');
  if (p[0] !== 'city' || p[1] !== city || p.length < 5 || p[3] !== user) return false;
  if (p[2] === 'indicator') return p.slice(4).every((s) => s.length > 0);
  return p.length === 5 && DEVICE_LEAVES.has(p[4]!);
}

/** The id a topic belongs to: the only publisher allowed to send it. */
export function topicOwner(t: Topic): string {
  switch (t.kind) {
    case 'sensor_meta':
    case 'sensor_telemetry':
      return t.sensorId;
    case 'camera_meta':
    case 'camera_status':
    case 'camera_event':
      return t.cameraId;
    case 'case_event':
    case 'document_event':
    case 'task_event':
      return t.agencyId;
    case 'indicator_meta':
    case 'indicator_value':
      return t.source;
  }
}

/**
 * The publisher a message's user properties name, or undefined when none does. A property given
 * several times with different values names nobody in particular: returned joined by commas,
 * which no id can equal, so the message is refused.
 */
export function publisherOf(userProperties: Record<string, string | string[]> | undefined): string | undefined {
  const v = userProperties?.[PUBLISHER_PROPERTY];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  const distinct = [...new Set(v)];
  return distinct.join(',');
}
