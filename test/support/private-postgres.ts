/**
 * A private PostgreSQL cluster for tests that stop and start the server (the machine's shared one on
 * 5432 is never restarted): `initdb` into a temp dir, `pg_ctl` on a free port, TCP on 127.0.0.1 only.
 * PostgreSQL refuses to run as root, and CI runs as root: then every command runs as `nobody`, who
 * owns the temp dir.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, userIds } from './services';

const PG_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];
const RUN_AS = 'nobody';

function binary(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  for (const dir of PG_BIN_DIRS) if (existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

const asRoot = () => process.getuid?.() === 0;

/** initdb and pg_ctl exist, and (as root) there is an unprivileged user to run them as. */
export function privatePostgresAvailable(): boolean {
  if (!binary('initdb') || !binary('pg_ctl')) return false;
  return !asRoot() || (userIds(RUN_AS) !== null && binary('runuser') !== null);
}

export interface PrivatePostgres {
  /** The `postgres` database as superuser `postgres` (trust auth). */
  adminUrl: string;
  port: number;
  /**
   * `pg_ctl stop -m <mode>`, `downMs` with no server, then `pg_ctl start`; resolves when it accepts
   * connections again. `downFromMs`–`downToMs` (performance.now()): surely no server — from the
   * stop's completion to the start's beginning.
   */
  restart(mode: 'fast' | 'immediate', downMs?: number): Promise<{ downFromMs: number; downToMs: number; upMs: number }>;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot() ? [binary('runuser')!, ['-u', RUN_AS, '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const p = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-4000)));
    p.stderr.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-4000)));
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args[0] ?? ''} exited ${code}: ${out}`)),
    );
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const initdb = binary('initdb');
  const pgCtl = binary('pg_ctl');
  if (!initdb || !pgCtl) throw new Error('initdb/pg_ctl not found');
  const base = mkdtempSync(path.join(tmpdir(), 'cityops-pg-'));
  const data = path.join(base, 'data');
  const logFile = path.join(base, 'server.log');
  mkdirSync(data);
  if (asRoot()) {
    const owner = userIds(RUN_AS);
    if (!owner) throw new Error(`user ${RUN_AS} not found`);
    chmodSync(base, 0o755);
    chownSync(base, owner.uid, owner.gid);
    chownSync(data, owner.uid, owner.gid);
  }
  chmodSync(data, 0o700);
  const port = await freePort();
  await run(initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-instructions']);
  // Small and quick: a test cluster. fsync off only skips flushing to disk; a server killed with
  // `-m immediate` still recovers from its WAL, which the OS keeps (the machine does not crash).
  writeFileSync(
    path.join(data, 'postgresql.conf'),
    [
      readFileSync(path.join(data, 'postgresql.conf'), 'utf8'),
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'fsync = off',
      'shared_buffers = 32MB',
      'max_connections = 40',
      "log_line_prefix = '%m '",
    ].join('\n'),
  );
  const start = () => run(pgCtl, ['start', '-D', data, '-l', logFile, '-w', '-t', '60']);
  const halt = (mode: 'fast' | 'immediate') => run(pgCtl, ['stop', '-D', data, '-m', mode, '-w', '-t', '60']);
  await start();
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async restart(mode, downMs = 0) {
      await halt(mode);
      const downFromMs = performance.now();
      await new Promise((r) => setTimeout(r, downMs));
      const downToMs = performance.now();
      await start();
      return { downFromMs, downToMs, upMs: performance.now() };
    },
    logTail(lines = 30) {
      try {
        return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '(no server log)';
      }
    },
    async stop() {
      await halt('immediate').catch(() => undefined);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
