/**
 * The notification service's contracts (issue 19): what a notification is, to whom it goes, over
 * which channel, and how its delivery ended. Every part of the product that tells a person
 * something writes one of these (notify/outbox.ts) in the transaction of the fact that caused it.
 */
import { z } from 'zod';

export const CHANNEL_KINDS = ['email', 'sms', 'zalo', 'webhook', 'inapp'] as const;
export const channelKindSchema = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof channelKindSchema>;

/**
 * queued → sending → delivered | failed; `held` is queued for later (quiet hours, rate limit);
 * `not_sent` is the embedded default's end for an outward channel with no configuration.
 */
export const DELIVERY_STATUSES = ['queued', 'held', 'sending', 'delivered', 'failed', 'not_sent'] as const;
export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/**
 * Vietnamese mobile prefixes after the 2018 renumbering (Viettel 03x/086/096-098, Vinaphone
 * 081-085/088/091/094, MobiFone 070/076-079/089/090/093, Vietnamobile 052/056/058/092,
 * Gmobile 059/099, Itel 087, Reddi 055). Checked so a typo fails at enqueue, not at the gateway.
 */
const MOBILE_PREFIX = /^(3[2-9]|5[25689]|7[06789]|8[1-9]|9[0-46-9])\d{7}$/;

/** `0912 345 678`, `+84912345678`, `84-912-345-678` → `+84912345678`; null when not a Vietnamese mobile number. */
export function normaliseVnPhone(input: string): string | null {
  const compact = input.replace(/[\s.()-]/g, '');
  let national: string;
  if (compact.startsWith('+84')) national = compact.slice(3);
  else if (compact.startsWith('84') && compact.length === 11) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return null;
  return MOBILE_PREFIX.test(national) ? `+84${national}` : null;
}

export const vnPhoneSchema = z.string().transform((v, ctx) => {
  const p = normaliseVnPhone(v);
  if (p === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a Vietnamese mobile number (0… or +84…, a mobile prefix, 10 digits)',
    });
    return z.NEVER;
  }
  return p;
});

export const emailSchema = z.email({ message: 'expected an email address' }).max(254);
/** A Zalo user id (numeric, as the OA API gives it). */
export const zaloIdSchema = z.string().regex(/^\d{6,25}$/, 'expected a Zalo user id (6–25 digits)');

/** Where one channel's message goes: the channel's own kind of address. */
export const addressSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), email: emailSchema }),
  z.object({ channel: z.literal('sms'), phone: vnPhoneSchema }),
  // ZNS is sent to a phone number; the Zalo id is kept for the OA's own messages later.
  z.object({ channel: z.literal('zalo'), phone: vnPhoneSchema, zaloId: zaloIdSchema.optional() }),
  z.object({ channel: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }) }),
  z.object({ channel: z.literal('inapp'), userId: z.string().min(1).max(100) }),
]);
export type Address = z.infer<typeof addressSchema>;

/** ZNS messages are templates approved by Zalo in advance; their rendered text is at most 400 characters. */
export const ZNS_MAX_CHARS = 400;

export const notificationInputSchema = z
  .object({
    /** Who it is for, as the product knows them (a user id, a contact id): part of the idempotency key, never logged with the address. */
    recipient: z.string().min(1).max(200),
    address: addressSchema,
    /** What caused it: `dossier:HP-123`, `alarm:42`… */
    cause: z.string().min(1).max(200),
    /** Which step of that cause (`due-3h`, `overdue`, `raised`): one message per (recipient, cause, stage, channel). */
    stage: z.string().min(1).max(100).default('once'),
    urgent: z.boolean().default(false),
    subject: z.string().max(300).default(''),
    body: z.string().min(1).max(5000),
    /** Zalo ZNS: the approved template and its parameters. */
    template: z.object({ id: z.string().min(1).max(50), params: z.record(z.string(), z.string().max(400)) }).optional(),
  })
  .superRefine((n, ctx) => {
    if (n.address.channel === 'zalo') {
      if (!n.template)
        ctx.addIssue({
          code: 'custom',
          path: ['template'],
          message: 'a Zalo ZNS message needs its template id and parameters',
        });
      else if (Object.values(n.template.params).join('').length > ZNS_MAX_CHARS)
        ctx.addIssue({
          code: 'custom',
          path: ['template', 'params'],
          message: `a ZNS message is at most ${ZNS_MAX_CHARS} characters`,
        });
    }
  });
export type NotificationInput = z.input<typeof notificationInputSchema>;
export type Notification = z.output<typeof notificationInputSchema>;

/** The idempotency key: the same (recipient, cause, stage, channel) is one message however often it is enqueued. */
export function idempotencyKey(
  n: Pick<Notification, 'recipient' | 'cause' | 'stage'> & { address: { channel: ChannelKind } },
): string {
  return [n.recipient, n.cause, n.stage, n.address.channel].map(encodeURIComponent).join('|');
}

/** What the delivery log says when an outward channel has no configuration (the embedded default). */
export const NOT_CONFIGURED = 'not sent: channel not configured';
