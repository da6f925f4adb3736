/**
 * Kiosk tokens (migration 023). The token arrives here already hashed (auth/kiosks.ts); this
 * module never sees a token.
 */
import type { KioskBinding, KioskListItem } from '../contracts/kiosks';
import type { Queryable } from './adapter';
import { sql } from './sql';

const msOrNull = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string | Date).getTime());
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Creates the kiosk's principal and its token row; run inside a transaction. Returns the kiosk id. */
export async function createKiosk(
  db: Queryable,
  k: {
    username: string;
    name: string;
    scenes: string[];
    rotateSeconds: number | null;
    tokenHash: string;
    createdBy: string;
    expiresAtMs: number | null;
  },
): Promise<number> {
  const { rows } = await db.query<{ user_id: unknown }>(sql('kiosk-create-user'), [k.username, k.name]);
  const id = Number(rows[0]!.user_id);
  await db.query(sql('kiosk-create'), [
    id,
    k.name,
    k.scenes,
    k.rotateSeconds,
    k.tokenHash,
    k.createdBy,
    k.expiresAtMs === null ? null : new Date(k.expiresAtMs).toISOString(),
  ]);
  return id;
}

export interface KioskByToken {
  id: number;
  name: string;
  username: string;
  expiresAtMs: number | null;
  revoked: boolean;
  expired: boolean;
}

export async function kioskByTokenHash(db: Queryable, tokenHash: string): Promise<KioskByToken | null> {
  const { rows } = await db.query(sql('kiosk-by-hash'), [tokenHash]);
  const r = rows[0];
  return r
    ? {
        id: Number(r.kiosk_id),
        name: String(r.name),
        username: String(r.username),
        expiresAtMs: msOrNull(r.expires_at),
        revoked: r.revoked_at !== null,
        expired: r.expired === true,
      }
    : null;
}

export async function recordKioskUse(db: Queryable, id: number, ip: string | null): Promise<void> {
  await db.query(sql('kiosk-used'), [id, ip]);
}

/** Revokes the token and disables the principal; the kiosk's name, or null when unknown or already revoked. */
export async function revokeKiosk(db: Queryable, id: number, by: string): Promise<string | null> {
  const { rows } = await db.query(sql('kiosk-revoke'), [id, by]);
  return rows[0] ? String(rows[0].name) : null;
}

export async function kioskBinding(db: Queryable, id: number): Promise<KioskBinding | null> {
  const { rows } = await db.query(sql('kiosk-binding'), [id]);
  const r = rows[0];
  return r
    ? {
        name: String(r.name),
        scenes: texts(r.scenes),
        rotateSeconds: r.rotate_seconds === null ? null : Number(r.rotate_seconds),
      }
    : null;
}

export async function listKiosks(db: Queryable): Promise<KioskListItem[]> {
  const { rows } = await db.query(sql('kiosks-list'));
  const now = Date.now();
  return rows.map((r) => {
    const expiresAtMs = msOrNull(r.expires_at);
    const revokedMs = msOrNull(r.revoked_at);
    return {
      id: Number(r.kiosk_id),
      name: String(r.name),
      scenes: texts(r.scenes),
      rotateSeconds: r.rotate_seconds === null ? null : Number(r.rotate_seconds),
      createdBy: String(r.created_by),
      createdMs: msOrNull(r.created_at) ?? 0,
      expiresAtMs,
      lastUsedMs: msOrNull(r.last_used_at),
      lastUsedIp: textOrNull(r.last_used_ip),
      revokedMs,
      revokedBy: textOrNull(r.revoked_by),
      status: revokedMs !== null ? 'revoked' : expiresAtMs !== null && expiresAtMs <= now ? 'expired' : 'active',
      sessions: Number(r.sessions),
    };
  });
}
