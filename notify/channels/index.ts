/** The channels this process can send on, from its configuration; a missing one is "not configured". */
import type { ChannelKind } from '../../contracts/notifications';
import type { NotifyConfig } from '../../contracts/notify-config';
import type { Channel } from '../channel';
import { emailChannel } from './email';
import { smsChannel } from './sms';
import { webhookChannel } from './webhook';
import { zaloChannel } from './zalo';

export type Channels = Partial<Record<Exclude<ChannelKind, 'inapp'>, Channel>>;

export function channelsFromConfig(c: NotifyConfig): Channels {
  const out: Channels = { webhook: webhookChannel(c.NOTIFY_WEBHOOK_SECRET) };
  if (c.NOTIFY_SMTP_HOST && c.NOTIFY_SMTP_FROM) {
    out.email = emailChannel({
      host: c.NOTIFY_SMTP_HOST,
      port: c.NOTIFY_SMTP_PORT,
      from: c.NOTIFY_SMTP_FROM,
      user: c.NOTIFY_SMTP_USER,
      password: c.NOTIFY_SMTP_PASSWORD,
      requireTls: c.NOTIFY_SMTP_REQUIRE_TLS === 'on',
      poolSize: c.NOTIFY_SMTP_POOL_SIZE,
      timeoutMs: c.NOTIFY_SEND_TIMEOUT_MS,
    });
  }
  if (c.NOTIFY_SMS_URL && c.NOTIFY_SMS_BRANDNAME) {
    out.sms = smsChannel({
      url: c.NOTIFY_SMS_URL,
      apiKey: c.NOTIFY_SMS_API_KEY,
      brandname: c.NOTIFY_SMS_BRANDNAME,
      noDiacritics: c.NOTIFY_SMS_NO_DIACRITICS === 'on',
      maxParts: c.NOTIFY_SMS_MAX_PARTS,
    });
  }
  if (c.NOTIFY_ZALO_ACCESS_TOKEN)
    out.zalo = zaloChannel({
      baseUrl: c.NOTIFY_ZALO_URL,
      accessToken: c.NOTIFY_ZALO_ACCESS_TOKEN,
      retryCodes: c.NOTIFY_ZALO_RETRY_CODES,
    });
  return out;
}
