/**
 * Starts the notification service in a process: its configuration (a bad one stops the start
 * with its problems named), the pg-boss queue on the product's database, the channels, and the
 * delivery worker unless NOTIFY_WORKER=off. What it returns is the one way parts enqueue.
 */
import type { Logger } from '../contracts/logger';
import type { NotificationInput } from '../contracts/notifications';
import { loadNotifyConfig, type NotifyConfig } from '../contracts/notify-config';
import type { Db, Queryable } from '../db/adapter';
import { channelsFromConfig } from './channels';
import { enqueueNotification, type Enqueued } from './outbox';
import { startBoss, type NotifyQueue } from './queue';
import { startDeliveryWorker, type DeliveryWorker } from './worker';

export interface NotifyService {
  readonly config: NotifyConfig;
  readonly queue: NotifyQueue;
  /** Writes a notification in `tx`, the transaction of its cause. */
  enqueue(tx: Queryable, input: NotificationInput, nowMs?: number): Promise<Enqueued>;
  worker: DeliveryWorker | null;
  stop(): Promise<void>;
}

export interface StartNotifyOptions {
  db: Db;
  log: Logger;
  timeZone: string;
  env?: Record<string, string | undefined>;
  clock?: () => number;
}

export async function startNotify(o: StartNotifyOptions): Promise<NotifyService> {
  const config = loadNotifyConfig(o.env ?? process.env);
  const clock = o.clock ?? Date.now;
  const channels = channelsFromConfig(config);
  const expireInSeconds = Math.ceil(config.NOTIFY_SEND_TIMEOUT_MS / 1000) + 5;
  const { boss, queue } = await startBoss(o.db, {
    expireInSeconds,
    maintenanceIntervalSeconds: config.NOTIFY_MAINTENANCE_S,
  });
  boss.on('error', (err: Error) => o.log.warn({ err: err.message }, 'notification queue error'));
  const worker =
    config.NOTIFY_WORKER === 'on'
      ? await startDeliveryWorker({
          db: o.db,
          boss,
          queue,
          channels,
          log: o.log,
          timeZone: o.timeZone,
          clock,
          quietHours: config.NOTIFY_QUIET_HOURS,
          ratePerMinute: {
            email: config.NOTIFY_RATE_EMAIL_PER_MIN,
            sms: config.NOTIFY_RATE_SMS_PER_MIN,
            zalo: config.NOTIFY_RATE_ZALO_PER_MIN,
            webhook: config.NOTIFY_RATE_WEBHOOK_PER_MIN,
          },
          sendTimeoutMs: config.NOTIFY_SEND_TIMEOUT_MS,
          retryBaseMs: config.NOTIFY_RETRY_BASE_MS,
          retryMaxMs: config.NOTIFY_RETRY_MAX_MS,
          maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
          pollMs: config.NOTIFY_POLL_MS,
          sweepMs: config.NOTIFY_MAINTENANCE_S * 1000,
        })
      : null;
  o.log.info({ channels: Object.keys(channels), worker: worker !== null }, 'notification service started');
  return {
    config,
    queue,
    worker,
    enqueue: (tx, input, nowMs) => enqueueNotification(tx, queue, input, nowMs ?? clock()),
    async stop() {
      await worker?.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
      for (const c of Object.values(channels)) await c.close?.();
    },
  };
}
