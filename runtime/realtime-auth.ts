/**
 * Who may open the live connection and watch which channel: the session cookie sent with the
 * Socket.IO handshake (same origin, so the browser sends it) names the user; without a live
 * session the handshake is refused. Each subscription is checked against the role, and a scoped
 * leader may not watch the channels of city-wide figures (contracts/roles.ts userCanSubscribe). The connection joins rooms for its session and user, so signing out,
 * a password change or a lock-out drops it at once.
 */
import type { Socket } from 'socket.io';
import { userCanSubscribe } from '../contracts/roles';
import type { AuthService } from '../auth/accounts';
import type { HandshakeCheck, Realtime } from '../realtime/attach';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const userRoom = (userId: number) => `user:${userId}`;

export function realtimeHandshake(auth: AuthService): HandshakeCheck {
  return async (socket: Socket) => {
    const signed = await auth.fromCookie(socket.request.headers.cookie);
    if (!signed) return null;
    const { user } = signed;
    return {
      rooms: [sessionRoom(signed.sessionId), userRoom(user.id)],
      maySubscribe: (channel) => userCanSubscribe(user, channel),
    };
  };
}

/** Ended sessions drop their live connections (on every node with the Redis adapter). */
export function dropRevoked(auth: AuthService, realtime: Realtime): void {
  auth.onRevoke((r) => realtime.dropRoom('sessionId' in r ? sessionRoom(r.sessionId) : userRoom(r.userId)));
}
