import mqtt from 'mqtt';

/** Publishes `n` telemetry messages, each a unique (device, ts), QoS 1, with bounded in-flight. */
export async function publishTelemetry(url: string, n: number, opts: { devices?: number; baseTs?: number; window?: number } = {}): Promise<void> {
  const devices = opts.devices ?? 100;
  const base = opts.baseTs ?? Date.now() - n - 60_000;
  const window = opts.window ?? 500;
  const c = await mqtt.connectAsync(url, { protocolVersion: 4, clean: true, clientId: `pub-${process.pid}-${Math.random().toString(16).slice(2, 8)}` });
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
