/**
 * The realtime bench's last line of cleanup, in a process of its own (forked by bench/realtime.ts).
 * The bench cleans up after itself, also on Ctrl-C; but under `tsx` a Ctrl-C that finds the bench's
 * event loop busy for 60 ms makes the tsx CLI SIGKILL it (measured here on a loaded machine), and a
 * killed process cleans nothing. So this one watches: it notes the bench's private Mosquitto brokers
 * while they run and, when the bench says `stop` or is gone, drops the bench database, deletes the
 * bench's Redis keys, kills its brokers and removes their dirs. Every step is idempotent.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Command } from './realtime-proc';

interface JanitorJob {
  benchPid: number;
  adminUrl: string;
  database: string;
  redisUrl: string;
  /** SCAN pattern of the bench's keys. */
  redisKeys: string;
}

const job = JSON.parse(process.argv[2] ?? '{}') as JanitorJob;
if (!/^cityops_bench_\d+$/.test(job.database) || !/^cityops:bench\d+:\*$/.test(job.redisKeys))
  throw new Error('janitor: refusing unexpected names');
process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole process group: this one must outlive the bench

const brokers = new Map<number, string>(); // pid → config dir

/** Mosquitto processes whose parent is the bench, with their config dir. */
function watchBrokers(): void {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'mosquitto' || Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== job.benchPid)
        continue;
      const conf = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0')[2] ?? '';
      if (path.basename(path.dirname(conf)).startsWith('cityops-mosq-')) brokers.set(Number(d), path.dirname(conf));
    } catch {
      /* gone meanwhile */
    }
  }
}
const watcher = setInterval(watchBrokers, 500);

async function cleanup(): Promise<void> {
  clearInterval(watcher);
  for (const [pid, dir] of brokers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const admin = new pg.Client({ connectionString: job.adminUrl, connectionTimeoutMillis: 5000 });
  await admin
    .connect()
    .then(() => admin.query(`DROP DATABASE IF EXISTS ${job.database} WITH (FORCE)`))
    .catch((err: unknown) => console.error(`janitor: dropping ${job.database}: ${String(err)}`))
    .finally(() => admin.end().catch(() => undefined));
  const redis = new Redis(job.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    for (let i = 0; i < 10_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', job.redisKeys, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } catch (err) {
    console.error(`janitor: deleting ${job.redisKeys}: ${String(err)}`);
  } finally {
    redis.disconnect();
  }
}

let done = false;
const finish = () => {
  if (done) return;
  done = true;
  const hard = setTimeout(() => process.exit(1), 30_000);
  void cleanup().finally(() => {
    clearTimeout(hard);
    process.exit(0);
  });
};
process.on('message', (c: Command) => c.type === 'stop' && finish());
process.on('disconnect', finish); // the bench is gone
setTimeout(finish, 20 * 60_000).unref();
