import type { Db } from '../db/adapter';
import { refreshCameraUptimeRollup } from '../db/camera-uptime-rollup';
import { refreshIndicatorRollups } from '../db/indicator-rollups';
import { refreshTelemetryRollups } from '../db/telemetry-rollups';
import type { Logger } from './logger';

/**
 * Refreshes the rollups the product keeps itself, on a timer: the plain-PostgreSQL telemetry and
 * indicator rollups (`watermarkRollups`; TimescaleDB runs its own policies for those) and, on both
 * backends, the camera uptime rollup (migration 025, computed with the silence limit
 * `cameraSilenceS`). Once shortly after start — a database upgraded to migration 017, 020 or 025
 * materializes its history then — and every 15 minutes, as the TimescaleDB policies for the hourly
 * rollups do.
 */
export function startTelemetryRollupJob(
  db: Db,
  log: Logger,
  o: { watermarkRollups: boolean; cameraSilenceS: number },
  everyMs = 15 * 60_000,
  firstMs = 10_000,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let failing = false;
  const tick = () => {
    running ??= (async () => ({
      telemetry: o.watermarkRollups ? await refreshTelemetryRollups(db) : null,
      indicators: o.watermarkRollups ? await refreshIndicatorRollups(db) : null,
      cameraUptime: await refreshCameraUptimeRollup(db, o.cameraSilenceS),
    }))()
      .then((r) => {
        if (failing) log.info('telemetry rollup refresh recovered');
        failing = false;
        log.debug(r, 'rollups refreshed');
      })
      .catch((err: unknown) => {
        // Logged once per failure spell: the views stay complete meanwhile, only slower.
        if (!failing) log.warn({ err }, 'telemetry rollup refresh failed');
        failing = true;
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, firstMs);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
