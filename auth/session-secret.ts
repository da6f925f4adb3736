/**
 * The secret that seals session cookies: SESSION_SECRET, or on the embedded default a random one
 * generated at first start and kept in DATA_DIR/session-secret (readable by the owner only), so
 * `npm start` works with no configuration and sessions survive a restart. Never in the repository.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function sessionSecret(configured: string | undefined, dataDir: string): { secret: string; generated: boolean } {
  if (configured) return { secret: configured, generated: false };
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return { secret, generated: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx' would refuse to overwrite; a file too short to use is replaced.
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secret, generated: true };
}
