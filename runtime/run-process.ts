/** Shared entry-point logic: config, logger, start, and a clean stop on SIGINT/SIGTERM. */
import { loadConfigOrExit } from '../contracts/config';
import { cityFromConfigOrExit } from './city-from-config';
import { startCityOps, type CityOps, type Parts } from './cityops';
import { createLogger } from './logger';

export async function runProcess(name: string, parts: Parts): Promise<CityOps> {
  const config = loadConfigOrExit();
  const city = cityFromConfigOrExit(config);
  const log = createLogger(config.LOG_LEVEL, name);
  let ops: CityOps;
  try {
    ops = await startCityOps(config, city, parts, log);
  } catch (err) {
    log.fatal({ err }, `${name} failed to start`);
    process.stderr.write(`cityops: ${name} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      log.warn('second signal: exiting without waiting');
      process.exit(130);
    }
    stopping = true;
    log.info({ signal }, 'stopping: flushing what was received');
    ops.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return ops;
}
