/**
 * SMS through an HTTP brandname gateway. Vietnamese carriers' gateways differ in request shape,
 * so the shape is an adapter; this is the one generic JSON adapter shipped (docs/notifications.md):
 *   POST {url}   Authorization: Bearer {apiKey}   Idempotency-Key: {key}
 *   { "brandname", "phone": "84912345678", "message", "requestId": {key}, "unicode": bool }
 *   → 200 { "code": "0", "messageId" }   | { "code": "<error>", "message" }
 * Answers are read with zod; anything else is a garbage answer (retried, then failed with it).
 */
import { z } from 'zod';
import { networkAnswer, type Channel, type SendResult } from '../channel';
import { smsText } from '../sms-text';

export interface SmsConfig {
  url: string;
  apiKey?: string;
  brandname: string;
  noDiacritics: boolean;
  maxParts: number;
}

const answerSchema = z.object({
  code: z.union([z.string(), z.number()]).transform(String),
  message: z.string().optional(),
  messageId: z.string().optional(),
});

/** Gateway codes that will not get better by retrying the same request. */
const PERMANENT_CODES = new Set(['INVALID_PHONE', 'INVALID_BRANDNAME', 'BLOCKED', 'TOO_LONG']);

export function smsChannel(c: SmsConfig): Channel {
  return {
    kind: 'sms',
    idempotent: true,
    async send(m, { idempotencyKey, signal }): Promise<SendResult> {
      const t = smsText(m.body, c.noDiacritics, c.maxParts);
      if ('error' in t) return { outcome: 'permanent', answer: t.error };
      let res: Response;
      try {
        res = await fetch(c.url, {
          method: 'POST',
          signal,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
            ...(c.apiKey ? { authorization: `Bearer ${c.apiKey}` } : {}),
          },
          body: JSON.stringify({
            brandname: c.brandname,
            phone: m.to.replace(/^\+/, ''),
            message: t.text,
            requestId: idempotencyKey,
            unicode: t.parts.encoding === 'ucs2',
          }),
        });
      } catch (err) {
        return { outcome: 'retryable', answer: networkAnswer(err) };
      }
      const text = await res.text().catch(() => '');
      const parsed = answerSchema.safeParse(safeJson(text));
      const answer = `HTTP ${res.status} ${text.slice(0, 250)}`;
      if (res.status >= 500 || res.status === 408) return { outcome: 'retryable', answer };
      if (res.status === 429) return { outcome: 'retryable', answer, retryAfterMs: retryAfter(res) };
      if (!parsed.success)
        return res.ok
          ? { outcome: 'retryable', answer: `garbage answer: ${answer}` }
          : { outcome: 'permanent', answer };
      if (res.ok && parsed.data.code === '0')
        return { outcome: 'delivered', answer, providerId: parsed.data.messageId };
      if (parsed.data.code === 'QUOTA_EXCEEDED') return { outcome: 'retryable', answer, retryAfterMs: retryAfter(res) };
      if (PERMANENT_CODES.has(parsed.data.code) || (res.status >= 400 && res.status < 500))
        return { outcome: 'permanent', answer };
      return { outcome: 'retryable', answer };
    },
  };
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function retryAfter(res: Response): number | undefined {
  const s = Number(res.headers.get('retry-after'));
  return Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
}
