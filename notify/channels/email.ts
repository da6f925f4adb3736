/**
 * Email over SMTP (nodemailer, pooled connections, STARTTLS). SMTP has no idempotency key: a
 * message in flight when the worker died may arrive twice, which the delivery log marks
 * (`possibly_repeated`). The Message-ID is derived from the key so a mail client can fold a repeat.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Channel, SendResult } from '../channel';

export interface EmailConfig {
  host: string;
  port: number;
  from: string;
  user?: string;
  password?: string;
  requireTls: boolean;
  poolSize: number;
  timeoutMs: number;
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

export function emailChannel(c: EmailConfig): Channel {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: c.poolSize,
    host: c.host,
    port: c.port,
    // Port 465 is TLS from the first byte; every other port starts plain and upgrades with STARTTLS.
    secure: c.port === 465,
    requireTLS: c.requireTls,
    auth: c.user && c.password ? { user: c.user, pass: c.password } : undefined,
    connectionTimeout: c.timeoutMs,
    greetingTimeout: c.timeoutMs,
    socketTimeout: c.timeoutMs,
  });
  const domain = c.from.replace(/^.*@/, '').replace(/>.*$/, '') || 'cityops.local';
  return {
    kind: 'email',
    idempotent: false,
    async send(m, { idempotencyKey }): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: c.from,
          to: m.to,
          subject: m.subject || m.body.slice(0, 60),
          text: m.body,
          messageId: `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`,
          headers: { 'X-CityOps-Idempotency-Key': idempotencyKey },
        });
        return { outcome: 'delivered', answer: String(info.response).slice(0, 300), providerId: info.messageId };
      } catch (err) {
        const e = err as SmtpError;
        const answer = (e.response ?? e.message ?? String(err)).slice(0, 300);
        // 5xx: the server refuses this message for good (bad mailbox, auth refused); 4xx and
        // connection trouble pass.
        if (e.responseCode !== undefined && e.responseCode >= 500) return { outcome: 'permanent', answer };
        if (e.code === 'EAUTH' || e.code === 'EENVELOPE') return { outcome: 'permanent', answer };
        return { outcome: 'retryable', answer };
      }
    },
    async close() {
      transport.close();
    },
  };
}
