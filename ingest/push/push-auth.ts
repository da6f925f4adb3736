import { createHash, timingSafeEqual } from 'node:crypto';
import type { PushToken } from '../../contracts/push-tokens';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who is pushing, from `Authorization: Bearer <token>`, or null. Compared as digests in constant
 * time, against every token, so neither the length nor the position of a match leaks.
 */
export function pushCaller(authorization: string | null, tokens: readonly PushToken[]): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m?.[1]) return null;
  const given = digest(m[1]);
  let who: string | null = null;
  for (const t of tokens) if (timingSafeEqual(given, digest(t.token)) && who === null) who = t.name;
  return who;
}
