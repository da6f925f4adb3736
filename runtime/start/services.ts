/**
 * The one place that creates what every part shares: the database (opened, migrated, its record
 * folds rebuilt, its rollup jobs running, the city seeded), the city's wards and the bus.
 */
import type { CityProfile } from '../../contracts/city';
import type { Config } from '../../contracts/config';
import type { Logger } from '../../contracts/logger';
import type { Db } from '../../db/adapter';
import { migrate } from '../../db/migrate';
import { openDatabase } from '../../db/open';
import { rebuildRecordStateIfMissing } from '../../db/record-rebuild';
import { seedCity } from '../../db/seed-city';
import { loadWards, type Ward } from '../../geo/wards';
import type { Bus } from '../../realtime/bus';
import { createMemoryBus } from '../../realtime/memory-bus';
import { createRedisBus } from '../../realtime/redis-bus';
import { startEmbeddedJobs } from '../embedded-jobs';
import { startTelemetryRollupJob } from '../telemetry-rollup-job';
import type { Stops } from './stops';

export interface SharedServices {
  db: Db;
  wards: readonly Ward[];
  bus: Bus;
}

export async function startSharedServices(
  config: Config,
  city: CityProfile,
  log: Logger,
  stops: Stops,
): Promise<SharedServices> {
  const db = await openDatabase(config, (err) => log.warn({ err: err.message }, 'database connection error'));
  stops.push(() => db.close());
  const { applied, timescale } = await migrate(db);
  log.info({ backend: db.backend, timescale, applied }, applied.length ? 'migrations applied' : 'schema up to date');
  const rebuilt = await rebuildRecordStateIfMissing(db, city.timeZone);
  if (rebuilt.cases + rebuilt.documents > 0)
    log.info(rebuilt, 'dossier and document records folded from stored events');
  if (db.backend === 'pglite' && timescale) {
    const jobs = startEmbeddedJobs(db, log);
    stops.push(() => jobs.stop());
  }
  // Both backends: the camera uptime rollup is kept by the product on TimescaleDB too (migration 025).
  const rollups = startTelemetryRollupJob(db, log, {
    watermarkRollups: !timescale,
    cameraSilenceS: config.CAMERA_OFFLINE_AFTER_S,
  });
  stops.push(() => rollups.stop());
  const wards = loadWards(city);
  await seedCity(db, city, wards);

  const bus: Bus = config.REDIS_URL ? createRedisBus(config.REDIS_URL, city.id, log) : createMemoryBus();
  stops.push(() => bus.close());
  return { db, wards, bus };
}
