/**
 * Kiosk tokens: a video wall signs in with a token bound to the read-only role `kiosk` and to what
 * it shows (scenes of the wall layout), not with a person's password. The token is 256 random
 * bits, shown once; only its SHA-256 is stored, so a copy of the database signs no wall in.
 *
 * Exchanging the token opens an ordinary session of the kiosk's principal (a users row with the
 * role kiosk, migration 023) lasting `sessionTtlSeconds` (KIOSK_SESSION_HOURS), never past the
 * token's expiry. Revoking the token disables that principal and ends its sessions through the
 * accounts' revoke path, which drops the wall's live connections at once (runtime/realtime-auth.ts).
 * Attempts are rate-limited per client address and every one is audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  KIOSK_TOKEN_PATTERN,
  KIOSK_TOKEN_PREFIX,
  type KioskBinding,
  type KioskCreate,
  type KioskListItem,
} from '../contracts/kiosks';
import { NO_SCOPE, type SessionUser } from '../contracts/roles';
import type { Db } from '../db/adapter';
import { createKiosk, kioskBinding, kioskByTokenHash, listKiosks, recordKioskUse, revokeKiosk } from '../db/kiosks';
import { appendAudit } from '../db/users';
import type { AuthService, RequestInfo } from './accounts';
import { LoginLimiter } from './login-limiter';

export const newKioskToken = (): string => `${KIOSK_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
export const kioskTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export type KioskSignIn =
  | { ok: true; user: SessionUser; setCookie: string }
  | { ok: false; reason: 'invalid' | 'revoked' | 'expired' | 'rate_limited'; retryAfterS?: number };

export interface KioskService {
  /** Creates a token; the token itself is returned here and never again. */
  create(by: SessionUser, k: KioskCreate, req: RequestInfo): Promise<{ id: number; token: string }>;
  list(): Promise<KioskListItem[]>;
  /** Revokes the token and ends the kiosk's sessions and live connections; false when unknown or already revoked. */
  revoke(by: SessionUser, id: number, req: RequestInfo): Promise<boolean>;
  signIn(token: string, req: RequestInfo): Promise<KioskSignIn>;
  /** What the wall of a kiosk principal shows; null for any other user. */
  binding(userId: number): Promise<KioskBinding | null>;
}

export function kioskService(
  db: Db,
  auth: AuthService,
  o: { sessionTtlSeconds: number; ratePerMinute: number; now?: () => number },
): KioskService {
  const now = o.now ?? Date.now;
  // Its own limiter: a wall retrying a dead token must not lock people out of the sign-in form.
  const limiter = new LoginLimiter(o.ratePerMinute);
  const failed = async (req: RequestInfo, reason: string, target: string | null) => {
    await appendAudit(db, { actor: null, action: 'kiosk.sign_in_failed', target, ip: req.ip, detail: { reason } });
  };

  return {
    async create(by, k, req) {
      const token = newKioskToken();
      const id = await db.transaction((tx) =>
        createKiosk(tx, {
          // The principal's name is never typed by anyone; random, so it cannot collide with a person's.
          username: `kiosk.${randomBytes(6).toString('hex')}`,
          name: k.name,
          scenes: k.scenes,
          rotateSeconds: k.rotateSeconds,
          tokenHash: kioskTokenHash(token),
          createdBy: by.username,
          expiresAtMs: k.expiresAtMs,
        }),
      );
      await appendAudit(db, {
        actor: by.username,
        action: 'kiosk.create',
        target: k.name,
        ip: req.ip,
        detail: { kioskId: id, scenes: k.scenes, rotateSeconds: k.rotateSeconds, expiresAtMs: k.expiresAtMs },
      });
      return { id, token };
    },

    list: () => listKiosks(db),

    async revoke(by, id, req) {
      const name = await revokeKiosk(db, id, by.username);
      if (name === null) return false;
      await auth.endSessions(id);
      await appendAudit(db, {
        actor: by.username,
        action: 'kiosk.revoke',
        target: name,
        ip: req.ip,
        detail: { kioskId: id },
      });
      return true;
    },

    async signIn(token, req) {
      const retryAfterS = limiter.attempt(req.ip ?? 'unknown');
      if (retryAfterS > 0) {
        await failed(req, 'rate_limited', null);
        return { ok: false, reason: 'rate_limited', retryAfterS };
      }
      if (!KIOSK_TOKEN_PATTERN.test(token)) {
        await failed(req, 'malformed', null);
        return { ok: false, reason: 'invalid' };
      }
      const k = await kioskByTokenHash(db, kioskTokenHash(token));
      if (!k) {
        await failed(req, 'unknown', null);
        return { ok: false, reason: 'invalid' };
      }
      if (k.revoked || k.expired) {
        await failed(req, k.revoked ? 'revoked' : 'expired', k.name);
        return { ok: false, reason: k.revoked ? 'revoked' : 'expired' };
      }
      // The session ends with the token: an expiring token leaves no session behind it.
      const ttlSeconds =
        k.expiresAtMs === null
          ? o.sessionTtlSeconds
          : Math.max(1, Math.min(o.sessionTtlSeconds, Math.floor((k.expiresAtMs - now()) / 1000)));
      const user: SessionUser = { id: k.id, username: k.username, displayName: k.name, role: 'kiosk', scope: NO_SCOPE };
      const setCookie = await auth.openSession(user, ttlSeconds, req);
      await recordKioskUse(db, k.id, req.ip);
      await appendAudit(db, {
        actor: k.username,
        action: 'kiosk.sign_in',
        target: k.name,
        ip: req.ip,
        detail: { kioskId: k.id },
      });
      return { ok: true, user, setCookie };
    },

    binding: (userId) => kioskBinding(db, userId),
  };
}
