/**
 * The MQTT side every part that publishes or subscribes shares: the broker the config names, or
 * aedes embedded when none is named and a part needs one, and the account to sign in with.
 */
import type { CityProfile } from '../../contracts/city';
import type { Config } from '../../contracts/config';
import type { Logger } from '../../contracts/logger';
import { startEmbeddedBroker, type EmbeddedBroker } from '../embedded-broker';
import { loadMqttCredentials } from '../mqtt-credentials';
import type { Stops } from './stops';

export interface MqttAccess {
  url: string;
  username: string | undefined;
  password: string | undefined;
  /** The embedded broker, or null when the config names one. */
  broker: EmbeddedBroker | null;
}

export async function startMqttAccess(
  config: Config,
  city: CityProfile,
  needed: boolean,
  log: Logger,
  stops: Stops,
): Promise<MqttAccess> {
  let broker: EmbeddedBroker | null = null;
  if (!config.MQTT_URL && needed) {
    const accounts = config.MQTT_DEVICE_CREDENTIALS ? loadMqttCredentials(config.MQTT_DEVICE_CREDENTIALS) : null;
    const b = await startEmbeddedBroker(
      '127.0.0.1',
      config.MQTT_EMBEDDED_PORT,
      accounts ? { accounts, city: city.id, log: log.child({ part: 'mqtt' }) } : undefined,
    );
    broker = b;
    stops.push(() => b.close());
    log.info(
      { url: b.url, accounts: accounts?.length ?? 'anonymous' },
      `embedded MQTT broker (aedes) listening on port ${b.port}`,
    );
  } else if (config.MQTT_DEVICE_CREDENTIALS && config.MQTT_URL) {
    log.warn(
      'MQTT_DEVICE_CREDENTIALS applies to the embedded broker only; with MQTT_URL the broker signs devices in (deploy/mosquitto.acl)',
    );
  }
  return {
    url: config.MQTT_URL ?? broker?.url ?? '',
    // With accounts, the in-process ingest and simulator sign in as the broker's internal account.
    username: config.MQTT_USERNAME ?? broker?.internal?.username,
    password: config.MQTT_USERNAME ? config.MQTT_PASSWORD : (broker?.internal?.password ?? config.MQTT_PASSWORD),
    broker,
  };
}
