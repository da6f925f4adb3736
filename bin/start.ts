/**
 * `npm start`: the whole product in one process. With no service URLs: aedes, PGlite with
 * TimescaleDB under ./data, the in-process bus and the city simulator. With MQTT_URL,
 * DATABASE_URL or REDIS_URL set, those services instead.
 */
import { loadConfigOrExit } from '../contracts/config';
import { runProcess } from '../runtime/run-process';
import { ensureNextBuild } from '../runtime/next-build';

loadConfigOrExit(); // a bad variable is reported before a minute of building, not after
try {
  ensureNextBuild(process.cwd(), (line) => console.log(line));
} catch (err) {
  console.error(`cityops: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const ops = await runProcess('cityops', { ingest: true, console: true, simulator: true });
console.log(`\nCityOps is running: ${ops.url}  (MQTT ${ops.mqttUrl}, database ${ops.db.backend}) — Ctrl-C to stop\n`);
