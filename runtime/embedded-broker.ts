/**
 * The embedded MQTT broker (aedes) for `npm start` without MQTT_URL. It listens on a free
 * port chosen by the OS, so a real broker already on 1883 never makes the product fail.
 */
import net from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(host = '127.0.0.1', port = 0): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({ drainTimeout: 30_000 });
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
    async close() {
      // Close client sockets first, or server.close() waits for them forever.
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
