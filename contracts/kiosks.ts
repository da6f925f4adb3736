/**
 * Kiosk tokens for video walls: what an admin sends to create one, what the list shows, and the
 * token's shape. The token is 256 random bits; only its SHA-256 is stored (auth/kiosks.ts).
 */
import { z } from 'zod';

/** `ck1_` + 43 base64url characters (32 bytes): recognisable in a leaked log or paste, versioned. */
export const KIOSK_TOKEN_PREFIX = 'ck1_';
export const KIOSK_TOKEN_PATTERN = /^ck1_[A-Za-z0-9_-]{43}$/;

/** The page a kiosk URL opens; the token follows after '#', so it never reaches a server log or a Referer. */
export const KIOSK_PATH = '/kiosk';
export const kioskUrlPath = (token: string): string => `${KIOSK_PATH}#${token}`;

const sceneId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'a scene id of the wall layout');

export const kioskCreateSchema = z
  .object({
    name: z.string().trim().min(1, 'a name, e.g. "Tường chính tầng 2"').max(64),
    /** Scene ids of the wall layout, in the order the wall rotates them; empty: every scene. */
    scenes: z
      .array(sceneId)
      .max(20)
      .default([])
      .refine((s) => new Set(s).size === s.length, 'a scene may be chosen once'),
    /** Seconds per scene; null: the layout's. */
    rotateSeconds: z.number().int().min(5).max(3600).nullable().default(null),
    /** When the token stops working, epoch ms; null: until revoked. */
    expiresAtMs: z.number().int().positive().nullable().default(null),
  })
  .strict();
export type KioskCreate = z.infer<typeof kioskCreateSchema>;

/** The exchange of a token for a session. Any string is counted and audited; the service judges its shape. */
export const kioskSignInSchema = z.object({ token: z.string().min(1).max(200) }).strict();

export type KioskStatus = 'active' | 'expired' | 'revoked';

export interface KioskListItem {
  id: number;
  name: string;
  scenes: string[];
  rotateSeconds: number | null;
  createdBy: string;
  createdMs: number;
  expiresAtMs: number | null;
  lastUsedMs: number | null;
  lastUsedIp: string | null;
  revokedMs: number | null;
  revokedBy: string | null;
  status: KioskStatus;
  /** Live sessions (a wall, or several screens opened with the same URL). */
  sessions: number;
}

/** What a kiosk's wall shows (the kiosk's binding to the wall layout). */
export interface KioskBinding {
  name: string;
  scenes: string[];
  rotateSeconds: number | null;
}
