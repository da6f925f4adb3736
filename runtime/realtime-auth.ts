/**
 * Who may open the live connection and watch which channel: the session cookie sent with the
 * Socket.IO handshake (same origin, so the browser sends it) names the user; without a live
 * session the handshake is refused. Each subscription is checked against the role
 * (contracts/roles.ts). The connection joins rooms for its session and user, so signing out,
 * a password change or a lock-out drops it at once.
 */
import type { Socket } from 'socket.io';
import { canSubscribe } from '../contracts/roles';
import type { AuthService } from '../auth/accounts';
import type { HandshakeCheck, Realtime } from '../realtime/attach';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const userRoom = (userId: number) => `user:${userId}`;

export function realtimeHandshake(auth: AuthService): HandshakeCheck {
  return async (socket: Socket) => {
    const signed = await auth.fromCookie(socket.request.headers.cookie);
    if (!signed) return null;
    const { role } = signed.user;
    return { rooms: [sessionRoom(signed.sessionId), userRoom(signed.user.id)], maySubscribe: (channel) => canSubscribe(role, channel) };
  };
}

/** Ended sessions drop their live connections (on every node with the Redis adapter). */
export function dropRevoked(auth: AuthService, realtime: Realtime): void {
  auth.onRevoke((r) => realtime.dropRoom('sessionId' in r ? sessionRoom(r.sessionId) : userRoom(r.userId)));
}
