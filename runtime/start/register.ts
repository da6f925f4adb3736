/**
 * The handles route handlers reach through runtime/registry: every service of the console's HTTP
 * API, built on the shared services.
 */
import type { CityProfile } from '../../contracts/city';
import type { Config } from '../../contracts/config';
import type { Logger } from '../../contracts/logger';
import type { WallLayout } from '../../contracts/wall';
import { alarmHistory, alarmsInPeriod } from '../../db/alarms';
import { auditRows, countAudit, searchAudit } from '../../db/audit';
import { appendAudit } from '../../db/users';
import { alarmActions } from '../alarm-actions';
import { cameraEventService } from '../camera-event-service';
import { cameraRegistryService } from '../camera-registry';
import { indicatorService } from '../indicator-service';
import { scopedKpiService } from '../kpi-scope';
import { register } from '../registry';
import { taskService } from '../task-service';
import type { Accounts } from './accounts';
import type { SharedServices } from './services';

export function registerHandles(
  config: Config,
  city: CityProfile,
  { db, bus, wards }: SharedServices,
  { auth, kiosks }: Accounts,
  wallLayout: WallLayout,
  log: Logger,
): void {
  const alarmMoves = alarmActions(db, bus);
  register({
    config,
    city,
    db,
    log: log.child({ part: 'http' }),
    kpi: scopedKpiService(db, city.timeZone),
    alarmClear: (alarmId, by, note) => alarmMoves.clear(alarmId, by, note),
    alarmAcknowledge: (alarmId, by, note, ip) => alarmMoves.acknowledge(alarmId, by, note, ip),
    alarmHistory: (q) => alarmsInPeriod(db, q),
    alarmTransitions: (alarmId) => alarmHistory(db, alarmId),
    wallLayout,
    cameras: cameraRegistryService({
      db,
      wards,
      bounds: city.mapBounds,
      offlineAfterMs: config.CAMERA_OFFLINE_AFTER_S * 1000,
      publish: (c) => bus.publish(c),
    }),
    cameraEvents: cameraEventService(db, bus, city.timeZone),
    indicators: indicatorService({
      db,
      city,
      tokens: config.INDICATOR_PUSH_TOKENS,
      publish: (c) => bus.publish(c),
      fileLayout: wallLayout,
      onBadSavedLayout: (problems) =>
        log.warn(
          { problems },
          'the wall layout saved in the console no longer fits the schema; showing the WALL_LAYOUT file',
        ),
    }),
    tasks: taskService({ db, city, tokens: config.INDICATOR_PUSH_TOKENS, publish: (c) => bus.publish(c) }),
    auth,
    kiosks,
    auditSearch: (q) => searchAudit(db, q),
    auditRows: (q, max) => auditRows(db, q, max),
    auditCount: (q) => countAudit(db, q),
    audit: (entry) =>
      appendAudit(db, entry).catch((err: unknown) =>
        log.error({ err, action: entry.action }, 'audit log write failed'),
      ),
  });
}
