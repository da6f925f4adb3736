/**
 * The embedded MQTT broker (aedes) for `npm start` without MQTT_URL. It listens on a free
 * port chosen by the OS, so a real broker already on 1883 never makes the product fail.
 *
 * Anonymous by default (127.0.0.1 only: a demo and a developer's machine). Given accounts
 * (MQTT_DEVICE_CREDENTIALS, runtime/mqtt-credentials.ts) it signs in every client and applies the
 * rule of deploy/mosquitto.acl: a device publishes only under its own id and reads nothing; the
 * ingest role reads the city; a publisher role writes anywhere in the city. A refused sign-in,
 * publish or subscription is counted (`refused()`, /metrics) and logged. A refused publish ends
 * the connection (MQTT 3.1.1 has no negative PUBACK; aedes closes the client).
 * The console's own ingest and simulator sign in as an in-memory `internal` account whose random
 * password exists only in this process.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Aedes, type AedesOptions, type Client } from 'aedes';
import { burnVerify, verifyPassword } from '../auth/passwords';
import { mayPublish } from '../contracts/mqtt/identity';
import type { Logger } from './logger';
import type { MqttAccount, MqttRole } from './mqtt-credentials';

export interface EmbeddedBroker {
  url: string;
  port: number;
  /** Set when accounts are enforced: what the in-process ingest and simulator sign in with. */
  internal: { username: string; password: string } | null;
  /** Refusals since start, by kind (only ever non-zero with accounts). */
  refused(): { connect: number; publish: number; subscribe: number };
  close(): Promise<void>;
}

export interface BrokerSecurity {
  accounts: readonly MqttAccount[];
  city: string;
  log: Logger;
}

const INTERNAL_USER = 'cityops-internal';
type Role = MqttRole | 'internal';

export async function startEmbeddedBroker(
  host = '127.0.0.1',
  port = 0,
  security?: BrokerSecurity,
): Promise<EmbeddedBroker> {
  const refused = { connect: 0, publish: 0, subscribe: 0 };
  const internal = security ? { username: INTERNAL_USER, password: randomBytes(24).toString('base64url') } : null;
  // Which role each connected client signed in with (cleared when it leaves: bounded by the clients).
  const roles = new WeakMap<Client, { username: string; role: Role }>();
  const byName = new Map(security?.accounts.map((a) => [a.username, a]) ?? []);
  const cityRoot = security ? `city/${security.city}/` : '';

  const broker = await Aedes.createBroker({
    drainTimeout: 30_000,
    ...(security && internal
      ? {
          authenticate: ((client, username, password, done) => {
            const given = password?.toString('utf8') ?? '';
            const refuse = (why: string) => {
              refused.connect++;
              security.log.warn(
                { clientId: client.id, username: username ?? null, why },
                'MQTT sign-in refused (embedded broker)',
              );
              done(Object.assign(new Error('not authorized'), { returnCode: 5 as const }), null);
            };
            if (username === undefined || username === '') return refuse('anonymous');
            if (username === INTERNAL_USER) {
              if (given.length > 0 && given === internal.password) {
                roles.set(client, { username, role: 'internal' });
                return done(null, true);
              }
              return refuse('wrong password');
            }
            const account = byName.get(username);
            // As long as a wrong password takes: no telling which device names exist by timing.
            if (!account) return void burnVerify(given).then(() => refuse('unknown user'));
            void verifyPassword(account.hash, given).then((ok) => {
              if (!ok) return refuse('wrong password');
              roles.set(client, { username, role: account.role });
              done(null, true);
            });
          }) satisfies NonNullable<AedesOptions['authenticate']>,
          authorizePublish: ((client, packet, done) => {
            if (packet.topic.startsWith('$SYS')) return done(new Error('$SYS topic is reserved'));
            if (client === null) return done(null); // a will published by the broker itself
            const who = roles.get(client);
            const ok =
              who !== undefined &&
              (who.role === 'internal' ||
                (who.role === 'publisher' && packet.topic.startsWith(cityRoot)) ||
                (who.role === 'device' && mayPublish(who.username, packet.topic, security.city)));
            if (ok) return done(null);
            refused.publish++;
            security.log.warn(
              {
                clientId: client.id,
                username: who?.username ?? null,
                role: who?.role ?? null,
                topic: packet.topic.slice(0, 200),
              },
              "MQTT publish refused: not under the publisher's own id (embedded broker); connection closed",
            );
            done(new Error(`not authorized to publish to ${packet.topic.slice(0, 200)}`));
          }) satisfies NonNullable<AedesOptions['authorizePublish']>,
          authorizeSubscribe: ((client, sub, done) => {
            const who = roles.get(client);
            const ok =
              who !== undefined &&
              (who.role === 'internal' || (who.role === 'ingest' && (sub.topic + '/').startsWith(cityRoot)));
            if (ok) return done(null, sub);
            refused.subscribe++;
            security.log.warn(
              { clientId: client.id, username: who?.username ?? null, topic: sub.topic.slice(0, 200) },
              'MQTT subscription refused (embedded broker)',
            );
            done(null, null); // a negative SUBACK (0x80): the client stays connected and reads nothing
          }) satisfies NonNullable<AedesOptions['authorizeSubscribe']>,
        }
      : {}),
  });
  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('embedded broker: no TCP address');
  return {
    url: `mqtt://${host}:${address.port}`,
    port: address.port,
    internal,
    refused: () => ({ ...refused }),
    async close() {
      // Close client sockets first, or server.close() waits for them forever.
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
