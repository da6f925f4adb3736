'use client';
import { io, type Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '../../contracts/realtime';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: LiveSocket | null = null;

/** One connection per browser tab, shared by every panel; Socket.IO reconnects it forever with backoff. */
export function liveSocket(): LiveSocket {
  socket ??= io(LIVE_NAMESPACE, {
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  return socket;
}
