/**
 * The notification service's place in a process: started after the shared services (the
 * migrations have run), with its own configuration (NOTIFY_*; a bad one stops the start naming the
 * variable), stopped with the others. Every process runs a delivery worker unless
 * NOTIFY_WORKER=off: the outbox's row locks and leases make any number of them safe.
 */
import type { Logger } from '../../contracts/logger';
import { startNotify, type NotifyService } from '../../notify/start';
import type { SharedServices } from './services';
import type { Stops } from './stops';

export async function startNotifyPart(
  services: SharedServices,
  timeZone: string,
  log: Logger,
  stops: Stops,
): Promise<NotifyService> {
  const notify = await startNotify({ db: services.db, timeZone, log: log.child({ part: 'notify' }) });
  stops.push(() => notify.stop());
  return notify;
}
