/** Accounts, sessions and kiosks: built in every process (the registry carries them), the first admin only by a console. */
import type { Config } from '../../contracts/config';
import type { Logger } from '../../contracts/logger';
import { authService, type AuthService } from '../../auth/accounts';
import { kioskService, type KioskService } from '../../auth/kiosks';
import { sessionSecret } from '../../auth/session-secret';
import type { Db } from '../../db/adapter';

export interface Accounts {
  auth: AuthService;
  kiosks: KioskService;
}

export function accounts(config: Config, db: Db, log: Logger): Accounts {
  const secret = sessionSecret(config.SESSION_SECRET, config.DATA_DIR);
  if (secret.generated)
    log.info(
      { file: `${config.DATA_DIR}/session-secret` },
      'session secret generated (set SESSION_SECRET to share one between console nodes)',
    );
  const auth = authService(db, {
    secret: secret.secret,
    ttlSeconds: config.SESSION_TTL_HOURS * 3600,
    maxFailures: config.LOGIN_MAX_FAILURES,
    lockSeconds: config.LOGIN_LOCK_MINUTES * 60,
    ratePerMinute: config.LOGIN_RATE_PER_MINUTE,
    cookieSecure: config.COOKIE_SECURE,
  });
  const kiosks = kioskService(db, auth, {
    sessionTtlSeconds: config.KIOSK_SESSION_HOURS * 3600,
    ratePerMinute: config.LOGIN_RATE_PER_MINUTE,
  });
  return { auth, kiosks };
}

/** On a database without accounts: creates `admin`, its generated password shown once. */
export async function ensureFirstAdmin(config: Config, auth: AuthService, log: Logger): Promise<void> {
  const first = await auth.ensureFirstAdmin(config.ADMIN_PASSWORD);
  // Printed on the console output, never through the logger (logs are shipped and kept).
  if (first.created && first.generated)
    process.stdout.write(
      `\nCityOps: first start — sign in as "admin" with the password ${first.password}\n(shown once; change it at /account)\n\n`,
    );
  else if (first.created) log.info('first start: account "admin" created with ADMIN_PASSWORD');
}
