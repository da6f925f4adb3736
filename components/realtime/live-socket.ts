'use client';
import { io, type Socket } from 'socket.io-client';
import { LIVE_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '../../contracts/realtime';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: LiveSocket | null = null;
/** Where the page goes when its session is gone (null: the sign-in page, then back here). */
let sessionEndedPage: string | null = null;

/**
 * A wall signed in with a kiosk token has nobody to type a password: when its session ends
 * (token revoked or expired) it goes to a page that says so instead of the sign-in form.
 */
export function setSessionEndedPage(path: string | null): void {
  sessionEndedPage = path;
}

/** Leaves the page for the sign-in page (or the session-ended page); called when the session is found gone. */
export function leaveForSignIn(): void {
  if (window.location.pathname === '/login') return;
  window.location.assign(
    sessionEndedPage ?? `/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`,
  );
}

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
    if (err.message === 'unauthorized') leaveForSignIn();
  });
  socket = s;
  return s;
}
