/** indicator_1h / indicator_1d on plain PostgreSQL (migration 020): refreshed as telemetry's are. */
import type { Db } from './adapter';
import { refreshWatermarkRollups } from './telemetry-rollups';

export const refreshIndicatorRollups = (db: Db, nowMs = Date.now()) => refreshWatermarkRollups(db, 'indicator', nowMs);
