import mqtt from 'mqtt';

/** Publishes `n` telemetry messages, each a unique (device, ts), QoS 1, with bounded in-flight. */
export async function publishTelemetry(
  url: string,
  n: number,
  opts: { devices?: number; baseTs?: number; window?: number } = {},
): Promise<void> {
  const devices = opts.devices ?? 100;
  const base = opts.baseTs ?? Date.now() - n - 60_000;
  const window = opts.window ?? 500;
  const c = await mqtt.connectAsync(url, {
    protocolVersion: 4,
    clean: true,
    clientId: `pub-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
  });
  try {
    for (let i = 0; i < n; i += window) {
      const batch: Promise<unknown>[] = [];
      for (let j = i; j < Math.min(n, i + window); j++) {
        const payload = JSON.stringify({ ts: base + j, values: { pm25: j % 500 } });
        batch.push(c.publishAsync(`city/haiphong/sensor/dev-${j % devices}/telemetry`, payload, { qos: 1 }));
      }
      await Promise.all(batch);
    }
  } finally {
    await c.endAsync();
  }
}

export interface ReliablePublishReport {
  /** PUBACKs with 0x10 "no matching subscribers": the broker dropped the message; it was sent again. */
  noSubscribers: number;
  /** PUBACKs with a refusal (≥ 0x80) or publishes that failed: sent again. */
  refused: number;
}

/**
 * Publishes `n` telemetry messages like publishTelemetry, as a device that cares: MQTT 5, QoS 1, a
 * persistent session (mqtt.js resends what was in flight when a connection drops), and every
 * message sent again until a PUBACK says a subscriber took it — 0x10 "no matching subscribers"
 * means the broker dropped it, and counts as not delivered.
 */
export async function publishTelemetryReliably(
  url: string,
  n: number,
  opts: {
    devices?: number;
    baseTs?: number;
    window?: number;
    ratePerSecond?: number;
    onProgress?: (acked: number) => void;
  } = {},
): Promise<ReliablePublishReport> {
  const devices = opts.devices ?? 100;
  const base = opts.baseTs ?? Date.now() - n - 60_000;
  const window = opts.window ?? 500;
  const report: ReliablePublishReport = { noSubscribers: 0, refused: 0 };
  const c = await mqtt.connectAsync(url, {
    protocolVersion: 5,
    clean: false,
    clientId: `rpub-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
    reconnectPeriod: 200,
    connectTimeout: 5000,
    properties: { sessionExpiryInterval: 600 },
  });
  c.on('error', () => undefined); // reconnects by itself; a refused connect while the broker restarts is expected
  // mqtt.js resolves a publish with the PUBLISH it stored, not the PUBACK, and treats 0x10 as
  // success: read each PUBACK's reason code as it arrives (before the publish's callback runs).
  const pubackCodes = new Map<number, number>();
  c.on('packetreceive', (packet) => {
    if (packet.cmd === 'puback' && packet.messageId !== undefined)
      pubackCodes.set(packet.messageId, packet.reasonCode ?? 0);
  });
  let acked = 0;
  const sendOne = async (j: number) => {
    const payload = JSON.stringify({ ts: base + j, values: { pm25: j % 500 } });
    for (;;) {
      try {
        const sent = await c.publishAsync(`city/haiphong/sensor/dev-${j % devices}/telemetry`, payload, { qos: 1 });
        const id = sent?.messageId;
        const code = id === undefined ? undefined : pubackCodes.get(id);
        if (id !== undefined) pubackCodes.delete(id);
        if (code !== 0x10) break;
        report.noSubscribers++;
      } catch {
        report.refused++;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    opts.onProgress?.(++acked);
  };
  const started = performance.now();
  try {
    for (let i = 0; i < n; i += window) {
      // Paced: window i starts no earlier than i / rate seconds in (a steady load, not a burst).
      if (opts.ratePerSecond)
        await new Promise((r) =>
          setTimeout(r, Math.max(0, started + (i / opts.ratePerSecond!) * 1000 - performance.now())),
        );
      const batch: Promise<void>[] = [];
      for (let j = i; j < Math.min(n, i + window); j++) batch.push(sendOne(j));
      await Promise.all(batch);
    }
  } finally {
    await c.endAsync();
  }
  return report;
}
