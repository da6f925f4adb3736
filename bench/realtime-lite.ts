/**
 * "Lite" benchmark clients: load for the console without the cost of a real client. Each is a raw
 * WebSocket speaking just enough of Engine.IO 4 / Socket.IO 5 to join `/live` and subscribe to
 * `map:sensors` — the server cannot tell it from a browser and does exactly the same work for it
 * (room membership, one write of every delta) — but it never decodes a frame: it counts them and
 * answers pings. Latency is measured on the full clients (realtime-clients.ts) in the same room,
 * which wait behind these sockets in every broadcast. Without them, four client processes on two
 * shared cores parse ~75 MB/s of JSON at 1 000 clients and stall long before the console does.
 */
import WebSocket from 'ws';

export interface LiteStats {
  clients: number;
  live: number;
  frames: number;
  bytes: number;
  disconnects: number;
}

// Engine.IO packet types are one ASCII digit; Socket.IO's follow inside a "4" (message) packet.
const PING = 0x32; // '2' → answer '3'
const MESSAGE = 0x34; // '4'
const SIO_CONNECT = 0x30; // '0': our namespace is joined
const SIO_ACK = 0x33; // '3': the subscribe answer (the snapshot)

export class LiteClients {
  private readonly sockets: WebSocket[] = [];
  private stats = { live: 0, frames: 0, bytes: 0, disconnects: 0 };
  private closing = false;

  /** `url` like http://127.0.0.1:3000/live. */
  open(url: string): WebSocket {
    const u = new URL(url);
    const nsp = u.pathname; // "/live"
    const ws = new WebSocket(`ws://${u.host}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    let subscribed = false;
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary || data.length === 0) return;
      const type = data[0];
      if (type === PING) return ws.send('3');
      if (type === 0x30) return ws.send(`40${nsp},`); // Engine.IO open → Socket.IO connect to the namespace
      if (type !== MESSAGE) return;
      if (data[1] === SIO_CONNECT) return ws.send(`42${nsp},1["subscribe",{"channel":"map:sensors"}]`);
      if (data[1] === SIO_ACK && !subscribed) {
        subscribed = true;
        this.stats.live++;
        return;
      }
      this.stats.frames++;
      this.stats.bytes += data.length;
    });
    ws.on('close', () => {
      if (subscribed) this.stats.live--;
      if (!this.closing) this.stats.disconnects++;
    });
    ws.on('error', () => undefined); // 'close' follows; counted there
    this.sockets.push(ws);
    return ws;
  }

  connected(): number {
    return this.sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  reset(): void {
    this.stats = { ...this.stats, frames: 0, bytes: 0, disconnects: 0 };
  }

  report(): LiteStats {
    return { clients: this.sockets.length, ...this.stats };
  }

  close(): void {
    this.closing = true;
    for (const s of this.sockets) s.terminate();
  }
}
