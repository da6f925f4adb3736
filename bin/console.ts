/**
 * The console: Next.js + Socket.IO on one port (`npm run console`). With `--dev`, Next's dev
 * server with hot reload. `npm start` runs this together with the ingest and the simulator.
 */
import { runProcess } from '../runtime/run-process';

const ops = await runProcess('console', {
  ingest: false,
  console: true,
  simulator: false,
  dev: process.argv.includes('--dev'),
});
process.stdout.write(`CityOps console: ${ops.url}\n`);
