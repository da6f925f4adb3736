/**
 * The delivery worker: takes jobs from pg-boss, and for the outbox row each names decides — quiet
 * hours, rate limit, claim, send, record — with the row as the truth. At-least-once to the
 * gateway; a send is repeated only when its sender died (or its lease ran out) mid-send, and such
 * a send is marked `possibly_repeated` (gateways that take the idempotency key drop it).
 * Personal data never reaches the log: rows are named by id and channel only.
 */
import type PgBoss from 'pg-boss';
import { NOT_CONFIGURED, type ChannelKind } from '../contracts/notifications';
import type { Logger } from '../contracts/logger';
import type { Db, Queryable } from '../db/adapter';
import { sql } from '../db/sql';
import type { OutboundMessage, SendResult } from './channel';
import type { Channels } from './channels';
import { NOTIFY_QUEUE, type NotifyQueue } from './queue';
import { RateLimiter } from './rate-limit';
import { backoffMs, quietUntil } from './schedule';

export interface WorkerOptions {
  db: Db;
  boss: PgBoss;
  queue: NotifyQueue;
  channels: Channels;
  log: Logger;
  timeZone: string;
  /** The worker's clock (epoch ms): Date.now in the product, a given moment in tests. */
  clock: () => number;
  quietHours: { startMin: number; endMin: number } | null;
  ratePerMinute: Partial<Record<ChannelKind, number>>;
  sendTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  pollMs: number;
  /** How often held messages that came due are queued again. */
  sweepMs: number;
}

type OutboxRow = {
  notification_id: string | number;
  idempotency_key: string;
  channel: ChannelKind;
  address: string;
  urgent: boolean;
  subject: string;
  body: string;
  template: { id: string; params: Record<string, string> } | null;
  status: string;
  next_attempt_at: Date | string;
};

/** Channels whose messages wait through quiet hours (a phone buzzing at night); email and the bell do not. */
const QUIET_CHANNELS: ReadonlySet<ChannelKind> = new Set(['sms', 'zalo']);
const TERMINAL = new Set(['delivered', 'failed', 'not_sent']);

export interface DeliveryWorker {
  /** Delivers the message of outbox row `id` as far as it can go now (what a job does). */
  deliver(id: number): Promise<void>;
  /** Queues again the held messages that came due by the clock. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export async function startDeliveryWorker(o: WorkerOptions): Promise<DeliveryWorker> {
  const limiter = new RateLimiter(o.ratePerMinute);
  const iso = (ms: number) => new Date(ms).toISOString();

  async function logAttempt(
    q: Queryable,
    id: number,
    attempt: number,
    at: number,
    outcome: string,
    answer: string,
    repeat: boolean,
  ) {
    await q.query(sql('notify-attempt-log'), [id, attempt, iso(at), outcome, answer.slice(0, 500), repeat]);
  }

  async function later(id: number, status: 'queued' | 'held', answer: string | null, untilMs: number, now: number) {
    await o.db.transaction(async (tx) => {
      await tx.query(sql('notify-later'), [id, status, answer, iso(untilMs)]);
      await o.queue.send(tx, id, (untilMs - now) / 1000);
    });
  }

  async function finish(
    id: number,
    status: 'delivered' | 'failed' | 'not_sent',
    answer: string,
    providerId: string | null,
    now: number,
  ) {
    await o.db.query(sql('notify-finish'), [id, status, answer.slice(0, 1000), providerId, iso(now)]);
  }

  async function deliver(id: number): Promise<void> {
    const row = (await o.db.query<OutboxRow>(sql('notify-get'), [id])).rows[0];
    if (!row || TERMINAL.has(row.status)) return;
    const now = o.clock();
    const due = new Date(row.next_attempt_at).getTime();
    // A job that came early by our clock (a retry's job, a clock given by a test) waits its turn.
    if (row.status !== 'sending' && due > now) {
      await o.queue.send(o.db, id, (due - now) / 1000);
      return;
    }
    if (row.channel === 'inapp') {
      await finish(id, 'delivered', 'in-app', null, now);
      return;
    }
    const channel = o.channels[row.channel];
    if (!channel) {
      await logAttempt(o.db, id, 0, now, 'not_sent', NOT_CONFIGURED, false);
      await finish(id, 'not_sent', NOT_CONFIGURED, null, now);
      o.log.info({ notification: id, channel: row.channel }, NOT_CONFIGURED);
      return;
    }
    const quiet = !row.urgent && QUIET_CHANNELS.has(row.channel) ? quietUntil(now, o.timeZone, o.quietHours) : null;
    if (quiet !== null) {
      const answer = `held: quiet hours until ${iso(quiet)}`;
      if (row.status !== 'held') await logAttempt(o.db, id, 0, now, 'held', answer, false);
      await o.db.query(sql('notify-later'), [id, 'held', answer, iso(quiet)]);
      return; // the sweep queues it when the window ends (by the worker's clock)
    }
    const wait = limiter.take(row.channel, now);
    if (wait > 0) {
      await later(id, 'held', null, now + wait, now);
      return;
    }
    const leaseMs = o.sendTimeoutMs + 2000;
    const claim = (
      await o.db.query<{ attempts: number; repeat: boolean }>(sql('notify-claim'), [id, iso(now + leaseMs), iso(now)])
    ).rows[0];
    if (!claim) return; // another worker has it
    const attempt = Number(claim.attempts);
    const message: OutboundMessage = {
      channel: row.channel,
      to: row.address,
      subject: row.subject,
      body: row.body,
      urgent: row.urgent,
      ...(row.template ? { template: row.template } : {}),
    };
    let result: SendResult;
    try {
      result = await channel.send(message, {
        idempotencyKey: row.idempotency_key,
        signal: AbortSignal.timeout(o.sendTimeoutMs),
      });
    } catch (err) {
      // A channel answers rather than throws; a throw is a bug there, and the message is retried.
      result = { outcome: 'retryable', answer: `channel error: ${err instanceof Error ? err.message : String(err)}` };
    }
    const at = o.clock();
    await logAttempt(o.db, id, attempt, at, result.outcome, result.answer, claim.repeat);
    if (result.outcome === 'delivered') {
      await finish(id, 'delivered', result.answer, result.providerId ?? null, at);
    } else if (result.outcome === 'permanent') {
      await finish(id, 'failed', result.answer, null, at);
    } else if (attempt >= o.maxAttempts) {
      await finish(id, 'failed', `gave up after ${attempt} attempts: ${result.answer}`, null, at);
    } else {
      const delay = Math.max(backoffMs(attempt, o.retryBaseMs, o.retryMaxMs), result.retryAfterMs ?? 0);
      await later(id, 'queued', result.answer, at + delay, at);
    }
    o.log.debug({ notification: id, channel: row.channel, outcome: result.outcome, attempt }, 'notification send');
  }

  async function sweep(): Promise<number> {
    const now = o.clock();
    const { rows } = await o.db.query<{ notification_id: string | number }>(sql('notify-held-due'), [iso(now)]);
    for (const r of rows) {
      const id = Number(r.notification_id);
      await o.db.transaction(async (tx) => {
        await tx.query(sql('notify-later'), [id, 'queued', null, iso(now)]);
        await o.queue.send(tx, id, 0);
      });
    }
    return rows.length;
  }

  await o.boss.work<{ id: number }>(
    NOTIFY_QUEUE,
    { batchSize: 4, pollingIntervalSeconds: o.pollMs / 1000 },
    async (jobs) => {
      for (const job of jobs) await deliver(Number(job.data.id));
    },
  );
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweep()
      .catch((err: unknown) =>
        o.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'notification sweep failed'),
      )
      .finally(() => {
        sweeping = false;
      });
  }, o.sweepMs);
  timer.unref();
  return {
    deliver,
    sweep,
    async stop() {
      clearInterval(timer);
      await o.boss.offWork(NOTIFY_QUEUE);
    },
  };
}
