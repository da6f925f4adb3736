/**
 * `npm run simulate -- [--rate N] [--backfill DAYS [--once]] [--replay FILE] [--seed N] [--mqtt-url URL] [--step-ms N]`
 * Flags are checked first (bad input: one line on stderr, exit 2), then the environment
 * (contracts/config.ts, exit 1). SIGINT/SIGTERM stop cleanly; a second signal exits at once.
 */
import { cityProfile } from '../cities';
import type { CityProfile } from '../contracts/city';
import { loadConfigOrExit } from '../contracts/config';
import { createLogger } from '../runtime/logger';
import { backfill } from '../sim/backfill';
import { parseCli, USAGE } from '../sim/cli-args';
import { replay } from '../sim/replay';
import { startSimulator, type SimulatorOptions } from '../sim/simulator';

const parsed = parseCli(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`simulate: ${parsed.error} (see --help)`);
  process.exit(2);
}
const args = parsed.args;
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const config = loadConfigOrExit();
const mqttUrl = args.mqttUrl ?? config.MQTT_URL;
if (!mqttUrl) {
  console.error(
    'simulate: the simulator needs an MQTT broker: set MQTT_URL=mqtt://127.0.0.1:1883 (or pass --mqtt-url)',
  );
  process.exit(2);
}
let city: CityProfile;
try {
  city = cityProfile(config.CITY);
} catch (err) {
  console.error(`cityops: invalid configuration: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const log = createLogger(config.LOG_LEVEL, 'cityops-sim');
const base: SimulatorOptions = {
  mqttUrl,
  city,
  seed: args.seed ?? config.SIM_SEED,
  rate: args.rate ?? config.SIM_RATE,
  username: config.MQTT_USERNAME,
  password: config.MQTT_PASSWORD,
  log,
};

const aborter = new AbortController();
let stopLive: (() => Promise<void>) | null = null;
let signals = 0;
const onSignal = (signal: string): void => {
  if (++signals > 1) {
    log.warn({ signal }, 'second signal: exiting without waiting');
    process.exit(130);
  }
  log.info({ signal }, 'stopping');
  aborter.abort();
  if (stopLive) stopLive().then(() => process.exit(0), fail);
};
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

function fail(err: unknown): never {
  log.fatal({ err }, 'simulator failed');
  console.error(`simulate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

async function run(): Promise<void> {
  if (args.replayFile) {
    const r = await replay({ ...base, file: args.replayFile, stepMs: args.stepMs, signal: aborter.signal });
    console.log(`replayed ${r.published} messages (${r.records} records; skipped ${JSON.stringify(r.skipped)})`);
    process.exit(aborter.signal.aborted ? 130 : 0);
  }
  let since: number | undefined;
  if (args.backfillDays !== undefined) {
    const r = await backfill({ ...base, days: args.backfillDays, signal: aborter.signal });
    console.log(`backfilled ${r.published} messages over ${args.backfillDays} days`);
    if (args.once || aborter.signal.aborted) process.exit(aborter.signal.aborted ? 130 : 0);
    since = r.until; // live continues exactly where the history ended
  }
  const sim = await startSimulator({ ...base, since });
  stopLive = () => sim.stop();
}

run().catch(fail);
