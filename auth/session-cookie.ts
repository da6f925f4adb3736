/**
 * The session cookie: the session id sealed with iron-session (AES-256-CBC + HMAC-SHA-256, "Iron"),
 * so a forged or altered cookie is refused before the database is asked. The id itself is 256
 * random bits and names a row of user_sessions: the row, not the cookie, decides whether the
 * session is alive (sign-out, password change and lock-out delete rows).
 *
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts; links into the
 * console from elsewhere still arrive signed in), Secure when the request came over HTTPS.
 */
import { randomBytes } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import { SESSION_COOKIE } from '../contracts/roles';

export const newSessionId = (): string => randomBytes(32).toString('base64url');

const sealed = z.object({ sid: z.string().min(20).max(100) });

export async function sealSession(sessionId: string, secret: string, ttlSeconds: number): Promise<string> {
  return sealData({ sid: sessionId }, { password: secret, ttl: ttlSeconds });
}

/** The session id in a sealed cookie value, or null when it is not one of ours (or expired). */
export async function unsealSession(value: string, secret: string): Promise<string | null> {
  try {
    const data = sealed.safeParse(await unsealData<unknown>(value, { password: secret }));
    return data.success ? data.data.sid : null;
  } catch {
    return null;
  }
}

/** The value of one cookie in a Cookie header. */
export function readCookie(header: string | null | undefined, name = SESSION_COOKIE): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function sessionCookie(value: string, o: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${o.maxAgeSeconds}`,
    ...(o.secure ? ['Secure'] : []),
  ].join('; ');
}

export const clearedSessionCookie = (secure: boolean): string => sessionCookie('', { secure, maxAgeSeconds: 0 });
