/**
 * Acknowledge after commit, without serializing the stream.
 *
 * mqtt.js handles incoming packets strictly one at a time: a QoS 1 PUBLISH's PUBACK is sent from
 * the same callback that releases the next packet (`handleMessage(packet, callback)`). Holding that
 * callback until the batch commits would allow one message per commit. So the callback is released
 * at once — the packet loop keeps reading — and the PUBACK it produces is held back here until the
 * pipeline reports the message committed (or dead-lettered). A message whose PUBACK was never sent
 * is redelivered by the broker after a crash: at-least-once, made exactly-once in effect by the
 * idempotent writes.
 *
 * The callback *is* held when the pipeline is full: that stops mqtt.js reading the socket, TCP
 * pushes back, and the broker buffers in the persistent session. This is the only place that
 * touches mqtt.js internals (`_sendPacket`); test/ingest-delivery.test.ts fails if they change.
 */
import type { IPublishPacket, MqttClient } from 'mqtt';
import { publisherOf } from '../contracts/mqtt/identity';

type SendPacket = (packet: { cmd: string; messageId?: number }, cb?: (err?: Error) => void, ...rest: unknown[]) => void;
interface Internals {
  _sendPacket: SendPacket;
}

export interface DeferredAckHooks {
  /**
   * Hands a message over; call `ack` once it is committed or dead-lettered. `publisher`: the MQTT 5
   * user property a broker sets to name the signed-in sender (contracts/mqtt/identity.ts).
   */
  onMessage(topic: string, payload: Buffer, ack: () => void, publisher: string | undefined): void;
  /** Resolves when the pipeline has room; while it is pending, the packet loop is held. */
  room(): Promise<void> | null;
}

export interface DeferredAcks {
  /** PUBACKs generated but waiting for their commit. */
  held(): number;
  /** Stop taking messages: later packets are left unacknowledged for the broker to redeliver. */
  drain(): void;
}

export function installDeferredAcks(client: MqttClient, hooks: DeferredAckHooks): DeferredAcks {
  const internals = client as unknown as Internals;
  const send = internals._sendPacket.bind(client);
  if (typeof send !== 'function') throw new Error('mqtt.js internals changed: _sendPacket is missing');

  let epoch = 0; // connection number: acks from an old connection must not go out on a new one
  let draining = false;
  const waiting = new Set<number>(); // committed? not yet — PUBACK must wait
  const held = new Map<number, Parameters<SendPacket>[0]>(); // PUBACKs generated before their commit
  const committedEarly = new Set<number>();

  client.on('close', () => {
    epoch++;
    waiting.clear();
    held.clear();
    committedEarly.clear();
  });

  internals._sendPacket = (packet, cb, ...rest) => {
    const id = packet.messageId;
    if (packet.cmd === 'puback' && id !== undefined && waiting.has(id)) {
      if (committedEarly.delete(id)) {
        waiting.delete(id);
        send(packet, cb, ...rest);
      } else {
        held.set(id, packet);
        cb?.(); // release the packet loop now; the PUBACK goes out after the commit
      }
      return;
    }
    send(packet, cb, ...rest);
  };

  const ackFor = (id: number, at: number) => () => {
    if (at !== epoch || !waiting.has(id)) return;
    const packet = held.get(id);
    if (packet) {
      held.delete(id);
      waiting.delete(id);
      send(packet);
    } else committedEarly.add(id);
  };

  client.handleMessage = (packet: IPublishPacket, callback) => {
    if (draining) return; // never released: the broker redelivers it to whoever runs next
    const id = packet.qos > 0 ? packet.messageId : undefined;
    if (id !== undefined) waiting.add(id);
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    hooks.onMessage(
      packet.topic,
      payload,
      id === undefined ? () => undefined : ackFor(id, epoch),
      publisherOf(packet.properties?.userProperties),
    );
    const wait = hooks.room();
    if (wait) void wait.then(() => callback());
    else callback();
  };

  return {
    held: () => held.size,
    drain: () => {
      draining = true;
    },
  };
}
