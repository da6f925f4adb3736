/**
 * The notification service's configuration (docs/notifications.md, `.env.example`): read once
 * from the environment, validated with zod, every problem named with its variable, then frozen.
 * A channel without its variables is "not configured": its messages end `not_sent` in the
 * delivery log (the embedded default sends nothing outward).
 */
import { z } from 'zod';
import { ConfigError } from './errors';

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `expected a whole number from ${min} to ${max}`);
const onOff = z.enum(['on', 'off'], { message: 'expected on or off' });
const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' });

/** `21:00-07:00` (may wrap midnight) or `off`. */
const quietHours = z.string().transform((v, ctx): { startMin: number; endMin: number } | null => {
  if (v === 'off') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(v);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'expected HH:MM-HH:MM (city time, e.g. 21:00-07:00) or off' });
    return z.NEVER;
  }
  return { startMin: Number(m[1]) * 60 + Number(m[2]), endMin: Number(m[3]) * 60 + Number(m[4]) };
});

export const notifyEnvSchema = z.object({
  /** Whether this process runs the delivery worker (enqueueing works either way). */
  NOTIFY_WORKER: onOff.default('on'),
  NOTIFY_SMTP_HOST: z.string().min(1).optional(),
  NOTIFY_SMTP_PORT: int(1, 65535).default(587),
  NOTIFY_SMTP_USER: z.string().min(1).optional(),
  NOTIFY_SMTP_PASSWORD: z.string().min(1).optional(),
  NOTIFY_SMTP_FROM: z.string().min(3).optional(),
  /** on: refuse to send unless the server upgrades the connection with STARTTLS. */
  NOTIFY_SMTP_REQUIRE_TLS: onOff.default('on'),
  NOTIFY_SMTP_POOL_SIZE: int(1, 50).default(3),
  NOTIFY_SMS_URL: httpUrl.optional(),
  NOTIFY_SMS_API_KEY: z.string().min(1).optional(),
  /** The registered brandname (sender name) the carriers show: at most 11 characters. */
  NOTIFY_SMS_BRANDNAME: z
    .string()
    .regex(/^[A-Za-z0-9 ._-]{1,11}$/, 'expected a brandname of 1–11 letters, digits, space . _ -')
    .optional(),
  /** on: send Vietnamese without diacritics (GSM-7: 160 characters a part instead of 70). */
  NOTIFY_SMS_NO_DIACRITICS: onOff.default('on'),
  NOTIFY_SMS_MAX_PARTS: int(1, 10).default(3),
  NOTIFY_ZALO_URL: httpUrl.default('https://business.openapi.zalo.me'),
  NOTIFY_ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  /** ZNS error codes worth retrying (quota, rate): every other non-zero code fails the message. Comma-separated. */
  NOTIFY_ZALO_RETRY_CODES: z
    .string()
    .regex(/^-?\d+(,-?\d+)*$/, 'expected comma-separated error codes such as -32,-144')
    .transform((v) => v.split(',').map(Number))
    .default([]),
  NOTIFY_WEBHOOK_SECRET: z.string().min(1).optional(),
  NOTIFY_RATE_EMAIL_PER_MIN: int(1, 100_000).default(600),
  NOTIFY_RATE_SMS_PER_MIN: int(1, 100_000).default(60),
  NOTIFY_RATE_ZALO_PER_MIN: int(1, 100_000).default(60),
  NOTIFY_RATE_WEBHOOK_PER_MIN: int(1, 100_000).default(600),
  /** Non-urgent SMS and Zalo messages wait through these hours, city time. */
  NOTIFY_QUIET_HOURS: quietHours.default({ startMin: 21 * 60, endMin: 7 * 60 }),
  NOTIFY_SEND_TIMEOUT_MS: int(100, 120_000).default(10_000),
  NOTIFY_RETRY_BASE_MS: int(10, 3_600_000).default(2000),
  NOTIFY_RETRY_MAX_MS: int(10, 86_400_000).default(600_000),
  NOTIFY_MAX_ATTEMPTS: int(1, 1000).default(12),
  /** How often an idle worker looks for due messages (pg-boss polls; at least 500 ms). */
  NOTIFY_POLL_MS: int(500, 60_000).default(1000),
  /** How often pg-boss looks for jobs of dead workers (their lease ran out) and held messages come due. */
  NOTIFY_MAINTENANCE_S: int(1, 3600).default(30),
});

type NotifyEnv = z.output<typeof notifyEnvSchema>;
export type NotifyConfig = Readonly<NotifyEnv>;

export function loadNotifyConfig(env: Record<string, string | undefined> = process.env): NotifyConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('NOTIFY_') && v !== undefined && v !== ''),
  );
  const parsed = notifyEnvSchema.safeParse(cleaned);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '?');
        const got = cleaned[key];
        const shown = /PASSWORD|SECRET|TOKEN|KEY/.test(key) || got === undefined ? '' : ` (got "${got.slice(0, 60)}")`;
        return `${key}: ${i.message}${shown}`;
      });
  if (parsed.success) {
    const c = parsed.data;
    // Half a channel's variables is a mistake, not "not configured".
    if (c.NOTIFY_SMTP_HOST && !c.NOTIFY_SMTP_FROM)
      problems.push('NOTIFY_SMTP_FROM: required when NOTIFY_SMTP_HOST is set');
    if (Boolean(c.NOTIFY_SMTP_USER) !== Boolean(c.NOTIFY_SMTP_PASSWORD))
      problems.push('NOTIFY_SMTP_USER and NOTIFY_SMTP_PASSWORD: set both or neither');
    if (c.NOTIFY_SMS_URL && !c.NOTIFY_SMS_BRANDNAME)
      problems.push('NOTIFY_SMS_BRANDNAME: required when NOTIFY_SMS_URL is set');
    if (c.NOTIFY_RETRY_MAX_MS < c.NOTIFY_RETRY_BASE_MS)
      problems.push('NOTIFY_RETRY_MAX_MS: must be at least NOTIFY_RETRY_BASE_MS');
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}
