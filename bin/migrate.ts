/** `npm run migrate`: applies pending migrations to the configured database and exits. */
import { loadConfigOrExit } from '../contracts/config';
import { openDatabase } from '../db/open';
import { migrate } from '../db/migrate';
import { rebuildRecordStateIfMissing } from '../db/record-rebuild';
import { cityProfile } from '../cities';

const config = loadConfigOrExit();
const db = await openDatabase(config, (err) => process.stderr.write(`database: ${err.message}\n`));
try {
  const { applied, timescale } = await migrate(db);
  const where = config.DATABASE_URL ? 'DATABASE_URL' : `embedded PGlite in ${config.DATA_DIR}`;
  process.stdout.write(
    `${where} (${timescale ? 'TimescaleDB' : 'plain PostgreSQL'}): ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}\n`,
  );
  const rebuilt = await rebuildRecordStateIfMissing(db, cityProfile(config.CITY).timeZone);
  if (rebuilt.cases + rebuilt.documents > 0)
    process.stdout.write(
      `folded ${rebuilt.cases} dossiers and ${rebuilt.documents} documents from their stored events\n`,
    );
} catch (err) {
  process.stderr.write(`cityops migrate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
