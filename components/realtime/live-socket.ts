'use client';
import { io, type Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '../../contracts/realtime';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: LiveSocket | null = null;

/**
 * One connection per browser tab, shared by every panel; Socket.IO reconnects it forever with backoff.
 * The server may end it on purpose (a client too slow to keep up, or a session that ended: signed
 * out, password changed, account locked or disabled); Socket.IO does not come back by itself then,
 * so it is asked to, once a second later. A handshake refused for want of a session sends the
 * page to the sign-in page (a wall whose account was revoked leaves the screen within seconds).
 */
export function liveSocket(): LiveSocket {
  if (socket) return socket;
  const s: LiveSocket = io(LIVE_NAMESPACE, {
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  s.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') setTimeout(() => s.connect(), 1000);
  });
  s.on('connect_error', (err) => {
    if (err.message === 'unauthorized' && window.location.pathname !== '/login') {
      window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
  });
  socket = s;
  return s;
}
