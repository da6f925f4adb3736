/**
 * Webhook: the message as JSON POSTed to the address's URL with `Idempotency-Key` (the receiver
 * drops a repeat) and the shared secret when configured. 2xx delivered; 408/429/5xx and network
 * trouble retried; any other 4xx is the receiver refusing it for good.
 */
import { networkAnswer, type Channel, type SendResult } from '../channel';
import { retryAfter } from './sms';

export function webhookChannel(secret: string | undefined): Channel {
  return {
    kind: 'webhook',
    idempotent: true,
    async send(m, { idempotencyKey, signal }): Promise<SendResult> {
      let res: Response;
      try {
        res = await fetch(m.to, {
          method: 'POST',
          signal,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': idempotencyKey,
            ...(secret ? { 'x-cityops-secret': secret } : {}),
          },
          body: JSON.stringify({ subject: m.subject, body: m.body, urgent: m.urgent, idempotencyKey }),
        });
      } catch (err) {
        return { outcome: 'retryable', answer: networkAnswer(err) };
      }
      const text = await res.text().catch(() => '');
      const answer = `HTTP ${res.status} ${text.slice(0, 250)}`;
      if (res.ok) return { outcome: 'delivered', answer };
      if (res.status === 429) return { outcome: 'retryable', answer, retryAfterMs: retryAfter(res) };
      if (res.status >= 500 || res.status === 408) return { outcome: 'retryable', answer };
      return { outcome: 'permanent', answer };
    },
  };
}
