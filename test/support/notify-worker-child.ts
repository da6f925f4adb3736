/**
 * A delivery worker as its own process, for the SIGKILL test: opens the database the env names
 * (DATABASE_URL or DATA_DIR), runs the notification service, and exits 0 once no message is left
 * queued, held or sending (prints "done").
 */
import { loadConfig } from '../../contracts/config';
import type { Logger } from '../../contracts/logger';
import { openDatabase } from '../../db/open';
import { startNotify } from '../../notify/start';

const silent: Logger = {
  fatal: () => undefined,
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  child: () => silent,
};
const db = await openDatabase(loadConfig(), () => undefined);
const notify = await startNotify({ db, log: silent, timeZone: 'Asia/Ho_Chi_Minh' });
process.stdout.write('started\n');
for (;;) {
  const { rows } = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM notifications WHERE status IN ('queued', 'held', 'sending')`,
  );
  if (Number(rows[0]?.n) === 0) break;
  await new Promise((r) => setTimeout(r, 200));
}
await notify.stop();
await db.close();
process.stdout.write('done\n');
process.exit(0);
