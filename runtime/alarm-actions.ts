/**
 * An operator's moves on an alarm as the route handlers see them (through the registry): each one
 * that happened tells every console node at once on the bus. Acknowledging an alarm about a camera
 * event acknowledges the event too (db/incident-acks.ts), so `events:acks` moves with `alarms`.
 */
import { acknowledgementsChanged, alarmsChanged } from '../contracts/live';
import type { Db } from '../db/adapter';
import { clearAlarm } from '../db/alarms';
import { acknowledgeAlarmWithEvent, type AlarmAckOutcome } from '../db/incident-acks';
import type { Bus } from '../realtime/bus';

export interface AlarmActions {
  /** False when the alarm was not open. */
  clear(alarmId: number, by: string, note: string | null): Promise<boolean>;
  /** Acknowledges the alarm (and its camera event if still unacknowledged), audited as `by` from `ip`. */
  acknowledge(alarmId: number, by: string, note: string | null, ip: string | null): Promise<AlarmAckOutcome>;
}

export function alarmActions(db: Db, bus: Bus): AlarmActions {
  return {
    async clear(alarmId, by, note) {
      const moved = await clearAlarm(db, alarmId, by, Date.now(), note);
      if (moved) bus.publish(alarmsChanged(1));
      return moved;
    },
    async acknowledge(alarmId, by, note, ip) {
      const outcome = await acknowledgeAlarmWithEvent(db, alarmId, { by, ip }, note);
      if (outcome.ok) bus.publish(acknowledgementsChanged({ alarms: 1, events: outcome.eventId === null ? 0 : 1 }));
      return outcome;
    },
  };
}
