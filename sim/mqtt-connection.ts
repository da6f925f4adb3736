/**
 * The simulator's MQTT client: protocol 3.1.1 (aedes refuses 5; Mosquitto and EMQX speak
 * both), clean session, reconnect forever, every state change logged. The client id is
 * our own, never MQTT_CLIENT_ID: that one belongs to the ingest, and two clients with one
 * id make the broker kick them off in turn.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from '../contracts/logger';

export interface ConnectOptions {
  mqttUrl: string;
  username?: string;
  password?: string;
  clientId?: string;
  log: Logger;
  /** Label in logs and the default client id (`cityops-sim`, `cityops-backfill`…). */
  role: string;
}

export function connectClient(o: ConnectOptions): MqttClient {
  // Not seeded on purpose: two simulators (or a restart racing the old session) must not share an id.
  const clientId = o.clientId ?? `${o.role}-${process.pid}-${Math.floor(Math.random() * 0xffff).toString(16)}`;
  const client = mqtt.connect(o.mqttUrl, {
    protocolVersion: 4,
    clientId,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    ...(o.username ? { username: o.username } : {}),
    ...(o.password ? { password: o.password } : {}),
  });
  const url = redactUrl(o.mqttUrl);
  let wasOffline = false;
  client.on('connect', () => {
    o.log.info({ url, clientId }, wasOffline ? 'reconnected to MQTT broker' : 'connected to MQTT broker');
    wasOffline = false;
  });
  client.on('offline', () => {
    if (!wasOffline) o.log.warn({ url }, 'MQTT broker unreachable; retrying every second');
    wasOffline = true;
  });
  // Without an 'error' listener a refused connection would crash the process. The same
  // error repeats on every retry while a broker is down: log it once a minute, not every second.
  let lastError = '';
  let lastErrorAt = 0;
  client.on('error', (err) => {
    if (err.message === lastError && Date.now() - lastErrorAt < 60_000) return;
    lastError = err.message;
    lastErrorAt = Date.now();
    o.log.warn({ url, err: err.message }, 'MQTT error');
  });
  return client;
}

/** True on the first successful connection (the client keeps retrying until then); false if aborted first. */
export function firstConnect(client: MqttClient, signal?: AbortSignal): Promise<boolean> {
  if (client.connected) return Promise.resolve(true);
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      client.off('connect', onConnect);
      resolve(false);
    };
    const onConnect = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    };
    client.once('connect', onConnect);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Ends the client gracefully, or forcefully if the broker does not answer in time. */
export async function endClient(client: MqttClient, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = client.endAsync(false).then(() => true);
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
  const ok = await Promise.race([graceful, late]);
  clearTimeout(timer);
  if (!ok) await client.endAsync(true);
}

/** Never log credentials embedded in a URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = 'redacted';
    return u.toString();
  } catch {
    return url;
  }
}
