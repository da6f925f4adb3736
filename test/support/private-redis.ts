/**
 * A Redis of the test's own on a free port (no persistence), so a test can restart it — never the
 * machine's shared Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './services';
import net from 'node:net';

export const redisServerAvailable = (): boolean => spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;

export interface PrivateRedis {
  url: string;
  /** SIGKILL and start again on the same port: everything in it is gone. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function listening(port: number, timeoutMs = 5000): Promise<void> {
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
    if (Date.now() > until) throw new Error(`redis-server not listening on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let proc: ChildProcess;
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await listening(port);
  };
  const kill = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart(downMs = 500) {
      await kill();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    stop: kill,
  };
}
