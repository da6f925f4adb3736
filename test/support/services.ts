/**
 * Real services for integration tests: a private Mosquitto started from deploy/mosquitto.conf on a
 * free port (the shared one on 1883 runs Mosquitto's throttling defaults), and the local Redis.
 * Outside CI a missing service skips its tests with a reason; under CI=true that is a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export const CI = process.env.CI === 'true' || process.env.CI === '1';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listening on ${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const mosquittoAvailable = (): boolean => spawnSync('sh', ['-c', 'command -v mosquitto']).status === 0;

export interface PrivateMosquitto {
  url: string;
  /** The end of the broker's log (connects, disconnects, session takeovers): for failure messages. */
  logTail(lines?: number): string;
  /**
   * Stops the broker with `signal` and starts it again on the same port and configuration (its
   * persistence file, if any, kept): a real broker restart. Resolves once it listens again.
   */
  restart(signal: 'SIGTERM' | 'SIGKILL', downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  /** deploy/mosquitto-secure.conf with its ACL file and these users (name → password). */
  users?: Record<string, string>;
  /** Override the shipped `persistence` setting (the file always goes to the broker's temp dir). */
  persistence?: boolean;
}

/**
 * `users`: deploy/mosquitto-secure.conf with its ACL file and these users (name → password), its
 * TLS listener and persistence left out (the test listens in plain TCP on a free port).
 * Otherwise deploy/mosquitto.conf as shipped, its persistence file in the broker's temp dir.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<PrivateMosquitto> {
  const secure = options.users ? { users: options.users } : undefined;
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-mosq-'));
  const conf = path.join(dir, 'mosquitto.conf');
  // The broker drops root for its own user: its persistence directory must be that user's.
  const store = path.join(dir, 'store');
  mkdirSync(store);
  chmodSync(dir, 0o755);
  const owner = process.getuid?.() === 0 ? userIds('mosquitto') : null;
  if (owner) chownSync(store, owner.uid, owner.gid);
  let base = readFileSync(path.resolve(import.meta.dirname, '../../deploy/mosquitto.conf'), 'utf8');
  if (secure) {
    // The broker drops root for its own user: it must be able to read these files.
    const passwd = path.join(dir, 'passwd');
    writeFileSync(passwd, '', { mode: 0o644 });
    for (const [user, pw] of Object.entries(secure.users)) spawnSync('mosquitto_passwd', ['-b', passwd, user, pw]);
    chmodSync(passwd, 0o644);
    const acl = path.join(dir, 'acl');
    writeFileSync(acl, readFileSync(path.resolve(import.meta.dirname, '../../deploy/mosquitto.acl'), 'utf8'), {
      mode: 0o644,
    });
    base = readFileSync(path.resolve(import.meta.dirname, '../../deploy/mosquitto-secure.conf'), 'utf8')
      .split('\n')
      .filter((l) => !/^(listener|certfile|keyfile|persistence)/.test(l))
      .map((l) => l.replace(/^password_file .*/, `password_file ${passwd}`).replace(/^acl_file .*/, `acl_file ${acl}`))
      .join('\n');
  }
  if (options.persistence !== undefined)
    base =
      base
        .split('\n')
        .filter((l) => !/^persistence\b/.test(l))
        .join('\n') + `\npersistence ${options.persistence}`;
  base = base
    .split('\n')
    .filter((l) => !/^persistence_location\b/.test(l))
    .join('\n');
  // Connection-level events only (no per-message lines), to stderr (unbuffered; the broker drops root for a
  // user that could not write our temp dir): enough to explain a failed delivery test.
  writeFileSync(
    conf,
    `${base}\npersistence_location ${store}/\nlistener ${port} 127.0.0.1\nlog_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\nlog_timestamp_format %H:%M:%S\n`,
  );
  const log: string[] = [];
  const launch = () => {
    const p = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    p.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line) log.push(line);
      log.splice(0, Math.max(0, log.length - 200));
    });
    return p;
  };
  let proc = launch();
  await waitForPort(port, 5000);
  const halt = async (signal: 'SIGTERM' | 'SIGKILL') => {
    // It may have exited already (a Ctrl-C reaches the whole process group): then there is no 'exit' to wait for.
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill(signal);
      await exited;
    }
  };
  return {
    url: `mqtt://127.0.0.1:${port}`,
    logTail: (lines = 40) => log.slice(-lines).join('\n') || '(the broker logged nothing)',
    async restart(signal, downMs = 0) {
      await halt(signal);
      log.push(`-- test: broker stopped with ${signal}`);
      await new Promise((r) => setTimeout(r, downMs));
      proc = launch();
      await waitForPort(port, 10_000);
    },
    async stop() {
      await halt('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** uid/gid of a system user (`id`), or null when it does not exist. */
export function userIds(name: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function redisAvailable(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/** `false` to run, or the reason to skip; under CI a missing service throws instead. */
export function skipUnless(available: boolean, what: string): false | string {
  if (available) return false;
  if (CI) throw new Error(`${what} is required under CI=true`);
  return `${what} not available here`;
}
