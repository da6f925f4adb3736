/**
 * The camera registry and camera health: what an operator may edit (validated here, shared by the
 * API route and the form), what the registry lists, and when a camera counts as online.
 */
import { z } from 'zod';
import type { CameraState } from './channels';

export const CAMERA_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const cameraIdSchema = z.string().regex(CAMERA_ID, 'expected 1-64 letters, digits, _ . - (a camera id)');

/** Empty text means "not set by the operator": the camera's own meta applies. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'expected an http:// or https:// URL (an HLS playlist, .m3u8)');

/**
 * An operator's edit of a camera. Each field left empty (null) follows what the camera says in its
 * retained `meta`; each field set wins over it (docs/console.md, "Camera registry").
 */
export const cameraEditSchema = z
  .object({
    /** Who edits: set by the server from the session (a value sent by the client is replaced). */
    by: z.string().trim().min(1, 'who is editing (the signed-in user)').max(64),
    name: optionalText(120),
    road: optionalText(120),
    wardCode: optionalText(16),
    lon: z
      .number()
      .min(-180)
      .max(180)
      .nullish()
      .transform((v) => v ?? null),
    lat: z
      .number()
      .min(-90)
      .max(90)
      .nullish()
      .transform((v) => v ?? null),
    streamUrl: z
      .union([z.literal(''), httpUrl])
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if ((v.lon === null) !== (v.lat === null))
      ctx.addIssue({
        code: 'custom',
        path: [v.lon === null ? 'lon' : 'lat'],
        message: 'give both lon and lat, or neither',
      });
  });
export type CameraEdit = z.output<typeof cameraEditSchema>;

/** One camera as the registry lists it: what applies, what the camera itself says, and the operator's edits. */
export interface CameraRecord {
  id: string;
  /** The fields in force: the operator's where set, else the camera's meta. */
  name: string | null;
  road: string | null;
  wardCode: string | null;
  wardName: string | null;
  lon: number | null;
  lat: number | null;
  streamUrl: string | null;
  /** What the camera's retained meta says (null before any meta arrived). */
  meta: {
    name: string | null;
    road: string | null;
    wardCode: string | null;
    lon: number | null;
    lat: number | null;
    streamUrl: string | null;
  };
  /** The operator's edits, null when nobody edited this camera. */
  edit: {
    name: string | null;
    road: string | null;
    wardCode: string | null;
    lon: number | null;
    lat: number | null;
    streamUrl: string | null;
    by: string;
    atMs: number;
  } | null;
  lastSeenMs: number | null;
}

export interface CameraUptime {
  cameraId: string;
  /** Seconds online within the period. */
  onlineSeconds: number;
  /** Percent of the period online, two decimals. */
  uptimePct: number;
}

export interface WardOption {
  code: string;
  name: string;
}

export interface CameraRegistryList {
  cameras: CameraRecord[];
  wards: WardOption[];
  uptime: { fromMs: number; toMs: number; offlineAfterMs: number; byCamera: CameraUptime[] };
}

export type CameraHealth = 'online' | 'offline' | 'silent';

/**
 * A camera is online when its latest status says so and it was heard (a status or an event) within
 * `offlineAfterMs`; `silent` when its latest status said online but nothing came since (a camera
 * that loses power sends no "offline"); `offline` when it said so or was never heard.
 */
export function cameraHealth(
  c: Pick<CameraState, 'online' | 'statusMs' | 'lastEventMs'>,
  nowMs: number,
  offlineAfterMs: number,
): CameraHealth {
  if (c.online !== true) return 'offline';
  const heard = Math.max(c.statusMs ?? 0, c.lastEventMs ?? 0);
  return nowMs - heard > offlineAfterMs ? 'silent' : 'online';
}

export const isCameraOnline = (
  c: Pick<CameraState, 'online' | 'statusMs' | 'lastEventMs'>,
  nowMs: number,
  offlineAfterMs: number,
) => cameraHealth(c, nowMs, offlineAfterMs) === 'online';

/** Grid sizes on /traffic (tiles per side). */
export const GRID_SIZES = [2, 3, 4] as const;
export type GridSize = (typeof GRID_SIZES)[number];
