/**
 * The notification service's place in a process (issue 19): started after the migrations, with
 * its own configuration (NOTIFY_*, a bad one stops the start naming the variable), stopped with
 * the others. Every process runs a delivery worker unless NOTIFY_WORKER=off: the outbox's row
 * locks and leases make any number of them safe.
 */
import type { Db } from '../db/adapter';
import { startNotify, type NotifyService } from '../notify/start';
import type { Logger } from './logger';

export async function startNotifyPart(db: Db, timeZone: string, log: Logger, stops: (() => Promise<void>)[]): Promise<NotifyService> {
  const notify = await startNotify({ db, timeZone, log: log.child({ part: 'notify' }) });
  stops.push(() => notify.stop());
  return notify;
}
