/**
 * Stage 0: the MQTT subscription. Speaks MQTT 5 with a shared subscription (`$share/<group>/…`)
 * where the broker accepts protocol 5 (Mosquitto, EMQX), so several workers split the load;
 * falls back to 3.1.1 and a plain subscription where it does not (aedes refuses protocol 5
 * and has no `$share`). Decided from what the broker answers, not from a flag.
 */
import mqtt, { type IClientOptions } from 'mqtt';
import { changeLogger, type Logger } from '../contracts/logger';
import { installDeferredAcks } from './deferred-acks';

export interface MqttSourceOptions {
  url: string;
  city: string;
  clientId: string;
  shareGroup: string;
  username?: string | undefined;
  password?: string | undefined;
  log: Logger;
  /** Called for every message; `ack` sends its PUBACK (call it after the commit); `publisher` as the broker names it (MQTT 5). */
  onMessage: (topic: string, payload: Buffer, ack: () => void, publisher: string | undefined) => void;
  /** Backpressure: null when there is room, else resolves when there is (the socket is not read meanwhile). */
  room: () => Promise<void> | null;
  /** Unacknowledged messages the broker may have in flight to us (MQTT 5 Receive Maximum). */
  receiveMaximum?: number;
  onConnectionChange?: (up: boolean) => void;
  /** The broker granted the subscription on this connection (true), or it was refused or lost (false). */
  onSubscriptionChange?: (subscribed: boolean) => void;
}

export interface MqttSource {
  readonly protocolVersion: 4 | 5;
  readonly subscription: string;
  connected(): boolean;
  /**
   * The broker has granted the subscription in a SUBACK on the current connection: messages are
   * routed to us. False from the connection's loss until the next grant, and while a refusal is retried.
   */
  subscribed(): boolean;
  /** PUBACKs waiting for their commit. */
  heldAcks(): number;
  /** Stop taking new messages (they stay with the broker); acks of taken ones still go out. */
  drain(): void;
  close(): Promise<void>;
}

function connectOnce(url: string, options: IClientOptions, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { ...options, reconnectPeriod: 0, connectTimeout: timeoutMs });
    const fail = (err: Error) => {
      client.removeAllListeners();
      client.end(true);
      reject(err);
    };
    client.once('connect', () => {
      client.removeAllListeners();
      client.end(true);
      resolve();
    });
    client.once('error', fail);
    client.once('close', () => fail(new Error('connection closed before CONNACK')));
  });
}

/** Which protocol the broker accepts: 5 if it answers a v5 CONNECT, else 4. */
export async function probeProtocol(url: string, base: IClientOptions): Promise<4 | 5> {
  try {
    await connectOnce(
      url,
      { ...base, clientId: `${base.clientId ?? 'cityops'}-probe`, clean: true, protocolVersion: 5 },
      5000,
    );
    return 5;
  } catch (err) {
    // An unreachable broker is not a protocol answer: let the caller's retry handle it.
    if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') throw err;
    await connectOnce(
      url,
      { ...base, clientId: `${base.clientId ?? 'cityops'}-probe`, clean: true, protocolVersion: 4 },
      5000,
    );
    return 4;
  }
}

export async function startMqttSource(o: MqttSourceOptions): Promise<MqttSource> {
  const base: IClientOptions = { clientId: o.clientId, username: o.username, password: o.password, keepalive: 30 };
  let protocolVersion: 4 | 5 = 4;
  for (let attempt = 0; ; attempt++) {
    try {
      protocolVersion = await probeProtocol(o.url, base);
      break;
    } catch (err) {
      if (attempt === 0)
        o.log.warn({ err: (err as Error).message, url: redact(o.url) }, 'MQTT broker not reachable yet; retrying');
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** attempt, 5000)));
    }
  }
  const filter = `city/${o.city}/#`;
  const subscription = protocolVersion === 5 ? `$share/${o.shareGroup}/${filter}` : filter;
  const client = mqtt.connect(o.url, {
    ...base,
    protocolVersion,
    clean: false, // a persistent session: the broker keeps QoS 1 messages while we are away
    ...(protocolVersion === 5
      ? {
          properties: {
            sessionExpiryInterval: 24 * 3600,
            receiveMaximum: Math.min(65_535, o.receiveMaximum ?? 20_000),
          },
        }
      : {}),
    reconnectPeriod: 1000,
    // mqtt.js's own resubscription runs only when the CONNACK says sessionPresent false, and while it
    // remembers a topic its subscribe() sends nothing and calls back with an empty grant. Mosquitto
    // 2.0 restarted with persistence restores the session (sessionPresent true) without its `$share`
    // subscription: the worker then believed it was subscribed and received nothing (issue 16).
    // So mqtt.js remembers nothing and this file subscribes on every connect, believing only a SUBACK.
    resubscribe: false,
  });
  let up = false;
  let subscribed = false;
  let closing = false;
  let connection = 0; // CONNACKs seen: a SUBACK answers the connection it was sent on, no other
  let retry: NodeJS.Timeout | null = null;
  const errors = changeLogger(o.log, 'MQTT error');
  const refusals = changeLogger(o.log, 'MQTT subscription not granted; retrying');
  const setSubscribed = (value: boolean) => {
    if (subscribed === value) return;
    subscribed = value;
    o.onSubscriptionChange?.(value);
  };
  const subscribe = (conn: number, attempt: number) => {
    retry = null;
    if (conn !== connection || !up) return;
    client.subscribe(subscription, { qos: 1 }, (err, granted) => {
      if (conn !== connection || !up) return; // answered for a connection that is gone
      const grant = grantOf(err, granted);
      if (grant.ok) {
        if (attempt > 0) o.log.info({ subscription, attempts: attempt + 1 }, 'MQTT subscription granted');
        refusals.reset();
        if (grant.qos < 1)
          o.log.error(
            { subscription, qos: grant.qos },
            'MQTT broker granted QoS 0: messages are not acknowledged and may be lost',
          );
        setSubscribed(true);
        return;
      }
      refusals.onError(new Error(grant.why));
      retry = setTimeout(() => subscribe(conn, attempt + 1), Math.min(500 * 2 ** attempt, 10_000));
    });
  };
  client.on('connect', (connack) => {
    connection++;
    // Every (re)connect is logged: a restarted broker shows here with what it kept (sessionPresent).
    o.log.info(
      {
        url: redact(o.url),
        protocolVersion,
        subscription,
        sessionPresent: connack.sessionPresent,
        reconnect: connection > 1,
      },
      'MQTT connected',
    );
    up = true;
    errors.reset();
    o.onConnectionChange?.(true);
    // Whatever the broker says it kept: a SUBSCRIBE to an existing subscription is harmless, and
    // the SUBACK is the only proof that messages are routed to this session.
    subscribe(connection, 0);
  });
  client.on('close', () => {
    if (up && !closing) o.log.warn('MQTT connection lost; reconnecting');
    if (up) o.onConnectionChange?.(false);
    up = false;
    if (retry) clearTimeout(retry);
    retry = null;
    setSubscribed(false);
  });
  client.on('error', errors.onError);
  const acks = installDeferredAcks(client, { onMessage: o.onMessage, room: o.room });
  return {
    protocolVersion,
    subscription,
    connected: () => up,
    subscribed: () => subscribed,
    heldAcks: () => acks.held(),
    drain: () => acks.drain(),
    async close() {
      closing = true;
      if (retry) clearTimeout(retry);
      // A drained client holds back packets it will not take, so mqtt.js's graceful end would wait
      // for a packet loop that never moves: let the last PUBACKs leave the socket, then end it.
      // Anything not acknowledged is redelivered to the next session, and stored once.
      const stream = (
        client as unknown as { stream?: { writableLength?: number; once(e: 'drain', f: () => void): void } }
      ).stream;
      if (stream?.writableLength)
        await Promise.race([
          new Promise<void>((r) => stream.once('drain', r)),
          new Promise((r) => setTimeout(r, 1000)),
        ]);
      await client.endAsync(true);
    },
  };
}

type Grant = { ok: true; qos: number } | { ok: false; why: string };

/**
 * What a SUBACK says about our one subscription. mqtt.js hands back the subscriptions it sent with
 * `qos` replaced by the broker's answer: a granted QoS (0–2) or, from 0x80 up, a refusal (MQTT 5
 * reason codes; 0x80 in 3.1.1). An empty list means no SUBSCRIBE went out: not a grant.
 */
export function grantOf(err: Error | null | undefined, granted: readonly { qos: number }[] | undefined): Grant {
  if (err) return { ok: false, why: err.message };
  const g = granted?.[0];
  if (!g || granted.length !== 1) return { ok: false, why: `no grant in the SUBACK (${granted?.length ?? 0} answers)` };
  if (g.qos >= 0x80) return { ok: false, why: `refused with reason code 0x${g.qos.toString(16)}` };
  return { ok: true, qos: g.qos };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid url)';
  }
}
