/**
 * The city simulator as its own process for the realtime bench (forked by bench/realtime.ts), so its
 * publishing does not share an event loop with the ingest, the console or the latency probe.
 */
import { haiphong } from '../cities/haiphong';
import { createLogger } from '../runtime/logger';
import { startSimulator } from '../sim/simulator';
import { childSide, type SimJob, type SimMessage } from './realtime-proc';

const { job, send, fail, onCommand } = childSide<SimJob, SimMessage>();

try {
  const sim = await startSimulator({
    mqttUrl: job.mqttUrl,
    city: haiphong,
    seed: job.seed,
    rate: job.rate,
    log: createLogger('error', 'bench-sim'),
  });
  send({ type: 'ready' });
  onCommand(async (c) => {
    if (c.type === 'report') send({ type: 'report', published: sim.published });
    else if (c.type === 'stop') {
      await sim.stop();
      send({ type: 'stopped' });
      setTimeout(() => process.exit(0), 100);
    }
  });
} catch (err) {
  fail(err);
}
