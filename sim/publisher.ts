/**
 * QoS 1 publishing with a bound on unacknowledged messages. Awaiting each publish
 * serially caps throughput at one round trip per message; firing without limit lets
 * mqtt.js queue millions in memory when the broker is slow or away. In between: up to
 * `maxInFlight` outstanding, and `publish()` waits for a slot.
 */
import type { Logger } from '../contracts/logger';
import type { SimMessage } from './message';

export const DEFAULT_MAX_IN_FLIGHT = 500;

/** The one thing needed from mqtt.js's MqttClient (tests pass a small fake broker). */
export interface PublishClient {
  publish(topic: string, message: string, opts: { qos: 1; retain: boolean }, callback: (err?: Error) => void): unknown;
}

export class BoundedPublisher {
  private inFlight = 0;
  private acked = 0;
  private failed = 0;
  private closed = false;
  /** Resolvers of callers waiting for a slot; at most one per concurrent caller. */
  private readonly waiting: (() => void)[] = [];
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly client: PublishClient,
    private readonly log: Logger,
    private readonly maxInFlight = DEFAULT_MAX_IN_FLIGHT,
  ) {}

  /** Messages the broker acknowledged. */
  get published(): number {
    return this.acked;
  }

  get errors(): number {
    return this.failed;
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Sends one message; resolves when it is handed to the client (not when acknowledged). */
  async publish(m: SimMessage): Promise<void> {
    while (this.inFlight >= this.maxInFlight && !this.closed) await new Promise<void>((r) => this.waiting.push(r));
    if (this.closed) return;
    this.inFlight++;
    this.client.publish(m.topic, JSON.stringify(m.payload), { qos: 1, retain: m.retain ?? false }, (err) => {
      this.inFlight--;
      if (err) {
        this.failed++;
        // Only while running: on stop, mqtt.js fails what was still in flight, by design.
        if (!this.closed) this.log.warn({ err: err.message, topic: m.topic }, 'publish failed');
      } else {
        this.acked++;
      }
      this.waiting.shift()?.();
      if (this.inFlight === 0) for (const r of this.idle.splice(0)) r();
    });
  }

  async publishAll(messages: Iterable<SimMessage>): Promise<void> {
    for (const m of messages) {
      if (this.closed) return;
      await this.publish(m);
    }
  }

  /** Resolves when nothing is in flight, or after `timeoutMs`. */
  async drain(timeoutMs = Infinity): Promise<boolean> {
    if (this.inFlight === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<boolean>((r) => this.idle.push(() => r(true)));
    const timeout = Number.isFinite(timeoutMs)
      ? new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)))
      : null;
    const result = await (timeout ? Promise.race([done, timeout]) : done);
    clearTimeout(timer);
    return result;
  }

  /** Stops accepting messages and releases every waiting caller. */
  close(): void {
    this.closed = true;
    for (const r of this.waiting.splice(0)) r();
  }
}
