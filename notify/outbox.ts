/**
 * The write path every part uses: `enqueueNotification(tx, queue, input, nowMs)` inside the
 * transaction of the fact that caused it. The input is checked with zod (a bad phone number is
 * an error here, where it was given); the same (recipient, cause, stage, channel) a second time
 * is a no-op.
 */
import {
  idempotencyKey,
  notificationInputSchema,
  type Address,
  type NotificationInput,
} from '../contracts/notifications';
import type { Queryable } from '../db/adapter';
import { sql } from '../db/sql';
import type { NotifyQueue } from './queue';

export function addressText(a: Address): string {
  switch (a.channel) {
    case 'email':
      return a.email;
    case 'sms':
      return a.phone;
    case 'zalo':
      return a.phone;
    case 'webhook':
      return a.url;
    case 'inapp':
      return a.userId;
  }
}

export interface Enqueued {
  id: number | null;
  key: string;
  created: boolean;
}

export async function enqueueNotification(
  tx: Queryable,
  queue: NotifyQueue,
  input: NotificationInput,
  nowMs: number,
): Promise<Enqueued> {
  const n = notificationInputSchema.parse(input);
  const key = idempotencyKey(n);
  const at = new Date(nowMs).toISOString();
  const { rows } = await tx.query<{ notification_id: string | number }>(sql('notify-enqueue'), [
    key,
    n.recipient,
    n.address.channel,
    addressText(n.address),
    n.cause,
    n.stage,
    n.urgent,
    n.subject,
    n.body,
    n.template ? JSON.stringify(n.template) : null,
    at,
  ]);
  const row = rows[0];
  if (!row) return { id: null, key, created: false };
  const id = Number(row.notification_id);
  await queue.send(tx, id, 0);
  return { id, key, created: true };
}
