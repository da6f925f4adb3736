/**
 * Zalo ZNS: a template approved by Zalo in advance, sent to a phone number (84…, no plus) with
 * its parameters. The shape is ZNS's "send template message" call:
 *   POST {baseUrl}/message/template   access_token: {token}
 *   { "phone", "template_id", "template_data": {…}, "tracking_id": {key} }
 *   → { "error": 0, "message": "Success", "data": { "msg_id" } } | { "error": <negative code>, "message" }
 * `tracking_id` is the idempotency key (ZNS echoes it in its callbacks).
 */
import { z } from 'zod';
import { ZNS_MAX_CHARS } from '../../contracts/notifications';
import { networkAnswer, type Channel, type SendResult } from '../channel';
import { retryAfter, safeJson } from './sms';

/**
 * `retryCodes`: the ZNS error codes that passing time can cure (daily quota, rate), from
 * NOTIFY_ZALO_RETRY_CODES, since they are the OA's to look up; every other non-zero code (invalid
 * phone, template not approved, bad parameters) fails this message for good.
 */
export interface ZaloConfig {
  baseUrl: string;
  accessToken: string;
  retryCodes: readonly number[];
}

const answerSchema = z.object({
  error: z.number(),
  message: z.string().optional(),
  data: z.object({ msg_id: z.string().optional() }).optional(),
});

export function zaloChannel(c: ZaloConfig): Channel {
  const url = `${c.baseUrl.replace(/\/$/, '')}/message/template`;
  return {
    kind: 'zalo',
    idempotent: true,
    async send(m, { idempotencyKey, signal }): Promise<SendResult> {
      if (!m.template) return { outcome: 'permanent', answer: 'no ZNS template given' };
      if (Object.values(m.template.params).join('').length > ZNS_MAX_CHARS)
        return { outcome: 'permanent', answer: `ZNS text over ${ZNS_MAX_CHARS} characters` };
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          signal,
          headers: { 'content-type': 'application/json', access_token: c.accessToken },
          body: JSON.stringify({
            phone: m.to.replace(/^\+/, ''),
            template_id: m.template.id,
            template_data: m.template.params,
            tracking_id: idempotencyKey,
          }),
        });
      } catch (err) {
        return { outcome: 'retryable', answer: networkAnswer(err) };
      }
      const text = await res.text().catch(() => '');
      const answer = `HTTP ${res.status} ${text.slice(0, 250)}`;
      if (res.status >= 500 || res.status === 408) return { outcome: 'retryable', answer };
      if (res.status === 429) return { outcome: 'retryable', answer, retryAfterMs: retryAfter(res) };
      const parsed = answerSchema.safeParse(safeJson(text));
      if (!parsed.success)
        return res.ok
          ? { outcome: 'retryable', answer: `garbage answer: ${answer}` }
          : { outcome: 'permanent', answer };
      if (parsed.data.error === 0) return { outcome: 'delivered', answer, providerId: parsed.data.data?.msg_id };
      return c.retryCodes.includes(parsed.data.error)
        ? { outcome: 'retryable', answer }
        : { outcome: 'permanent', answer };
    },
  };
}
