/**
 * Process configuration: read once from the environment, validated with zod, then frozen.
 * Every variable is listed in `.env.example` with its default. An unset service URL means
 * "use the embedded one" (aedes, PGlite+TimescaleDB, in-process bus).
 */
import { z } from 'zod';
import { ConfigError } from './errors';
import { parseIpRange, type IpRange } from './ip-address';
import { pushTokensSchema } from './push-tokens';

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    `expected a URL with scheme ${protocols.map((p) => `${p}://`).join(' or ')}`,
  );

/** `10.0.0.1, 10.1.0.0/16, ::1, fd00::/8`: every entry an address or a CIDR range, each bad one named. */
const proxyList = z.string().transform((text, ctx): IpRange[] => {
  const out: IpRange[] = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const r = parseIpRange(entry);
    if (r) out.push(r);
    else
      ctx.addIssue({
        code: 'custom',
        message: `"${entry.slice(0, 60)}" is not an IP address or CIDR range (e.g. 10.0.0.1, 10.0.0.0/8, fd00::/8)`,
      });
  }
  return out;
});

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected a whole number from ${min} to ${max}`);

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  CITY: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, 'expected a city id such as haiphong')
    .default('haiphong'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(1, 65535).default(3000),
  MQTT_URL: url(['mqtt', 'mqtts', 'tcp', 'ws', 'wss']).optional(),
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
  MQTT_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1-64 letters, digits, _ . -')
    .optional(),
  /** Port of the embedded broker (used when MQTT_URL is unset); 0: any free port. It listens on 127.0.0.1 only. */
  MQTT_EMBEDDED_PORT: int(0, 65535).default(0),
  /**
   * Accounts of the embedded broker (runtime/mqtt-credentials.ts): given, every client signs in and a
   * device publishes only under its own id. Unset: the embedded broker is anonymous (127.0.0.1 only).
   */
  MQTT_DEVICE_CREDENTIALS: z.string().min(1).optional(),
  MQTT_SHARE_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'expected 1-32 letters, digits, _ -')
    .default('ingest'),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  SIMULATOR: z.enum(['auto', 'on', 'off'], { message: 'expected auto, on or off' }).default('auto'),
  SIM_SEED: int(0, 2 ** 31 - 1).default(20250701),
  SIM_RATE: int(0, 1_000_000).optional(),
  /** Days of history the simulator publishes on a fresh database (trends and charts need a past). */
  SIM_HISTORY_DAYS: int(0, 60).default(2),
  /** Where the simulated cameras' HLS streams are (`{base}/{cameraId}/index.m3u8`); unset: no camera advertises a stream (the tiles show event snapshots). */
  SIM_STREAM_BASE_URL: url(['http', 'https']).optional(),
  INGEST_BATCH_SIZE: int(1, 100_000).default(5000),
  INGEST_FLUSH_MS: int(1, 60_000).default(50),
  INGEST_MAX_PENDING: int(100, 1_000_000).default(20_000),
  INGEST_HTTP_PORT: int(0, 65535).default(9464),
  REALTIME_COALESCE_MS: int(10, 5000).default(150),
  /** An online MapLibre style instead of the offline basemap built from public/geo. */
  MAP_STYLE_URL: url(['http', 'https']).optional(),
  /** The video wall's scenes and rotation (a JSON file, see config/walls/). */
  WALL_LAYOUT: z.string().min(1).default('config/walls/default.json'),
  /** HTTP pull connectors run by the ingest worker (JSON, see docs/connectors.md); unset: none. */
  CONNECTORS_FILE: z.string().min(1).optional(),
  /** Alarm rules evaluated by the ingest process (JSON, see alarms/README.md); "off": no evaluation. */
  ALARM_RULES: z.string().min(1).default('config/alarms/default.json'),
  ALARM_TICK_MS: int(200, 60_000).default(1000),
  /** Silence after which a camera counts as offline whatever its last status said (health, wall count, uptime). */
  CAMERA_OFFLINE_AFTER_S: int(10, 86_400).default(300),
  /** Systems allowed to push indicators and tasks over HTTP: `name:token,…` (docs/indicators.md); unset: none. */
  INDICATOR_PUSH_TOKENS: pushTokensSchema.default([]),
  /** Seals the session cookie (≥ 32 characters; every console node the same). Unset: generated once and kept in DATA_DIR/session-secret. */
  SESSION_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  /** The first admin's password, used only when the database has no account yet. Unset: generated and printed once. */
  ADMIN_PASSWORD: z.string().min(10, 'expected at least 10 characters').max(256).optional(),
  /** How long a sign-in lasts. */
  SESSION_TTL_HOURS: int(1, 24 * 90).default(12),
  /**
   * How long a video wall's sign-in with a kiosk token lasts (never past the token's expiry). Long:
   * a wall runs for weeks; revoking the token ends it at once.
   */
  KIOSK_SESSION_HOURS: int(1, 24 * 365).default(24 * 30),
  /** Consecutive failed sign-ins that lock an account, and for how long. */
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_LOCK_MINUTES: int(1, 24 * 60).default(15),
  /** Sign-in attempts allowed per client address per minute (whatever the account). */
  LOGIN_RATE_PER_MINUTE: int(1, 10_000).default(10),
  /** Secure cookies and HSTS: auto = when the request came over HTTPS (directly, or per X-Forwarded-Proto from a trusted proxy). */
  COOKIE_SECURE: z.enum(['auto', 'on', 'off'], { message: 'expected auto, on or off' }).default('auto'),
  /**
   * Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses or CIDR
   * ranges, comma-separated). Unset: none — the socket's peer is the client (auth/forwarded.ts).
   */
  TRUSTED_PROXIES: proxyList.default([]),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

type Env = z.output<typeof envSchema>;
export type Config = Readonly<Env> & { readonly embedded: { mqtt: boolean; db: boolean; bus: boolean } };

/** Validates `env`, listing every problem with the variable's name, or returns frozen config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" so `.env` files can list a variable without a value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '?');
      const got = cleaned[key];
      const shown = /PASSWORD|SECRET|TOKEN/.test(key) || got === undefined ? '' : ` (got "${got.slice(0, 60)}")`;
      return `${key}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return Object.freeze({
    ...e,
    embedded: Object.freeze({ mqtt: !e.MQTT_URL, db: !e.DATABASE_URL, bus: !e.REDIS_URL }),
  });
}

/** For entry points: load config or print the problems and exit 1 (no stack trace). */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`cityops: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
