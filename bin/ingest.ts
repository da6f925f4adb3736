/** The ingest worker (`npm run ingest`): MQTT → TimescaleDB/PostgreSQL → live bus. */
import { runProcess } from '../runtime/run-process';

await runProcess('ingest', { ingest: true, console: false, simulator: false });
