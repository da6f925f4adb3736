/**
 * `npm start` builds the console when the build is missing or older than its sources, so the
 * quick start stays two commands. The fingerprint covers everything Next compiles.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Everything Next compiles: app/ imports components/, contracts/ and runtime/registry.ts (types and the handle slot).
const INPUTS = [
  'app',
  'components',
  'contracts',
  'messages',
  'runtime/registry.ts',
  'next.config.js',
  'package-lock.json',
  'tsconfig.json',
];
const STAMP = '.next/cityops-build-fingerprint';

function* files(p: string): Generator<string> {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) yield* files(path.join(p, e));
  else yield p;
}

export function sourceFingerprint(root: string): string {
  const h = createHash('sha256');
  for (const input of INPUTS) for (const f of files(path.join(root, input))) h.update(f).update(readFileSync(f));
  return h.digest('hex');
}

export function ensureNextBuild(root: string, log: (line: string) => void): void {
  const fp = sourceFingerprint(root);
  const stamp = path.join(root, STAMP);
  if (existsSync(path.join(root, '.next/BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fp) return;
  log('building the console (next build) — first start or sources changed; this takes a minute or two…');
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (res.status !== 0) throw new Error(`next build failed (exit ${res.status})`);
  writeFileSync(stamp, fp);
}
