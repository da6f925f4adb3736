/**
 * Per-rule webhooks: every transition of an alarm whose rule names a webhook is POSTed there as
 * JSON, from an outbox in the database (alarm_deliveries), until the receiver answers 2xx — with
 * exponential backoff (1 s, 2 s, 4 s … at most 10 min) and giving up after a day of attempts.
 * Restart-safe: queued and delivered state live in the database, so a restart neither loses a
 * delivery nor repeats a delivered one. Each request carries `Idempotency-Key`, which lets the
 * receiver drop the rare repeat (a crash after its 2xx, before ours was recorded).
 */
import type { AlarmRule } from '../contracts/alarm-rules';
import type { Queryable } from '../db/adapter';
import { sql } from '../db/sql';

const BATCH = 20;
const TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 10 * 60_000;
/** 1 s doubling to 10 min, then every 10 min: about a day. */
const MAX_ATTEMPTS = 160;

export interface DeliveryReport {
  queued: number;
  delivered: number;
  failed: number;
}

export class WebhookDeliverer {
  private readonly hooks: { ruleId: string; url: string; secret: string | null }[];

  constructor(
    private readonly db: Queryable,
    rules: readonly AlarmRule[],
    env: Record<string, string | undefined> = process.env,
  ) {
    this.hooks = rules.flatMap((r) =>
      r.webhook
        ? [
            {
              ruleId: r.id,
              url: r.webhook.url,
              secret: r.webhook.secretEnv ? (env[r.webhook.secretEnv] ?? null) : null,
            },
          ]
        : [],
    );
  }

  get active(): boolean {
    return this.hooks.length > 0;
  }

  async tick(nowMs: number): Promise<DeliveryReport> {
    const report: DeliveryReport = { queued: 0, delivered: 0, failed: 0 };
    if (!this.active) return report;
    const queued = await this.db.query(sql('alarm-deliveries-enqueue'), [
      this.hooks.map((h) => h.ruleId),
      this.hooks.map((h) => h.url),
      new Date(nowMs).toISOString(),
    ]);
    report.queued = queued.rowCount ?? 0;
    const { rows } = await this.db.query<{
      delivery_id: unknown;
      transition_id: unknown;
      rule_id: string;
      url: string;
      payload: unknown;
      attempts: number;
    }>(sql('alarm-deliveries-due'), [new Date(nowMs).toISOString(), BATCH]);
    for (const d of rows) {
      const secret = this.hooks.find((h) => h.ruleId === d.rule_id)?.secret ?? null;
      const error = await post(d.url, d.payload, `cityops-alarm-transition-${String(d.transition_id)}`, secret);
      if (error === null) {
        await this.db.query(sql('alarm-delivery-done'), [d.delivery_id, new Date(nowMs).toISOString()]);
        report.delivered++;
      } else {
        const attempts = Number(d.attempts) + 1;
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts - 1, 20));
        await this.db.query(sql('alarm-delivery-failed'), [
          d.delivery_id,
          error.slice(0, 500),
          new Date(nowMs + backoff).toISOString(),
          attempts >= MAX_ATTEMPTS,
        ]);
        report.failed++;
      }
    }
    return report;
  }
}

/** null on a 2xx; otherwise what went wrong, for the row's last_error. */
async function post(
  url: string,
  payload: unknown,
  idempotencyKey: string,
  secret: string | null,
): Promise<string | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
        ...(secret ? { 'x-cityops-secret': secret } : {}),
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined); // free the connection
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
