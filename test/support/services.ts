/**
 * Real services for integration tests: a private Mosquitto started from deploy/mosquitto.conf on a
 * free port (the shared one on 1883 runs Mosquitto's throttling defaults), and the local Redis.
 * Outside CI a missing service skips its tests with a reason; under CI=true that is a failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
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
  stop(): Promise<void>;
}

/**
 * `secure`: deploy/mosquitto-secure.conf with its ACL file and these users (name → password), its
 * TLS listener and persistence left out (the test listens in plain TCP on a free port).
 */
export async function startMosquitto(secure?: { users: Record<string, string> }): Promise<PrivateMosquitto> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'cityops-mosq-'));
  const conf = path.join(dir, 'mosquitto.conf');
  let base = readFileSync(path.resolve(import.meta.dirname, '../../deploy/mosquitto.conf'), 'utf8');
  if (secure) {
    // The broker drops root for its own user: it must be able to read these files.
    chmodSync(dir, 0o755);
    const passwd = path.join(dir, 'passwd');
    writeFileSync(passwd, '', { mode: 0o644 });
    for (const [user, pw] of Object.entries(secure.users)) spawnSync('mosquitto_passwd', ['-b', passwd, user, pw]);
    chmodSync(passwd, 0o644);
    const acl = path.join(dir, 'acl');
    writeFileSync(acl, readFileSync(path.resolve(import.meta.dirname, '../../deploy/mosquitto.acl'), 'utf8'), { mode: 0o644 });
    base = readFileSync(path.resolve(import.meta.dirname, '../../deploy/mosquitto-secure.conf'), 'utf8')
      .split('\n')
      .filter((l) => !/^(listener|certfile|keyfile|persistence)/.test(l))
      .map((l) => l.replace(/^password_file .*/, `password_file ${passwd}`).replace(/^acl_file .*/, `acl_file ${acl}`))
      .join('\n');
  }
  // Connection-level events only (no per-message lines), to stderr (unbuffered; the broker drops root for a
  // user that could not write our temp dir): enough to explain a failed delivery test.
  writeFileSync(conf, `${base}\nlistener ${port} 127.0.0.1\nlog_dest stderr\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\nlog_timestamp_format %H:%M:%S\n`);
  const proc = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  const log: string[] = [];
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) if (line) log.push(line);
    log.splice(0, Math.max(0, log.length - 200));
  });
  await waitForPort(port, 5000);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    logTail: (lines = 40) => log.slice(-lines).join('\n') || '(the broker logged nothing)',
    async stop() {
      // It may have exited already (a Ctrl-C reaches the whole process group): then there is no 'exit' to wait for.
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
