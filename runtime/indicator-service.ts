/**
 * Generic indicators for the console: the HTTP push (token → read → write → dead-letter → live
 * delta). The catalogue and its admin edits join it here.
 */
import type { CityProfile } from '../contracts/city';
import { PUSH_MAX_BODY_BYTES, type IndicatorPushAnswer } from '../contracts/indicator-push';
import type { IngestCommit } from '../contracts/live';
import type { PushToken } from '../contracts/push-tokens';
import type { Db } from '../db/adapter';
import { insertRejects } from '../db/ingest-writes';
import { readIndicatorPush } from '../ingest/push/indicator-push';
import { toRejectRow } from '../ingest/reject-row';
import { commitRecords } from '../ingest/sources/commit';
import { toCommit } from '../ingest/write-batch';
import { pushCaller } from './push-auth';

export interface IndicatorService {
  /** One push request: the Authorization header and the body as received. */
  push(authorization: string | null, body: string): Promise<IndicatorPushAnswer>;
}

export function indicatorService(o: { db: Db; city: CityProfile; tokens: readonly PushToken[]; publish: (c: IngestCommit) => void; now?: () => number }): IndicatorService {
  const now = o.now ?? Date.now;
  return {
    async push(authorization, text) {
      const who = pushCaller(authorization, o.tokens);
      if (who === null)
        return {
          status: 401,
          body: o.tokens.length === 0
            ? { error: 'unauthorized', message: 'HTTP push is off: no token is configured (INDICATOR_PUSH_TOKENS)' }
            : { error: 'unauthorized', message: 'expected Authorization: Bearer <token> with a token from INDICATOR_PUSH_TOKENS' },
        };
      if (Buffer.byteLength(text) > PUSH_MAX_BODY_BYTES) {
        const problem = `body: ${Buffer.byteLength(text)} bytes > ${PUSH_MAX_BODY_BYTES}`;
        await insertRejects(o.db, [toRejectRow(`push/${who}/indicators`, Buffer.from(text), { reason: 'payload_too_large', detail: problem })]);
        return { status: 413, body: { error: 'payload_too_large', message: 'split the values over several requests', problems: [problem] } };
      }
      const read = readIndicatorPush(who, text, { city: o.city.id, timeZone: o.city.timeZone, now: now() });
      if (!read.ok) {
        await insertRejects(o.db, read.rejects);
        return { status: 400, body: { error: 'bad_request', message: 'nothing was stored; every refused item is in the dead-letter table (v_ingest_rejects)', problems: read.problems } };
      }
      const place = () => null; // indicators have no location
      const committed = await commitRecords(o.db, o.city.timeZone, place, read.groups);
      if (committed.records.length > 0) o.publish(toCommit(committed.records, committed.rows, 0, now()));
      if (committed.refused.length > 0) {
        // Validation should have caught it; the database's word is kept and the rest stays stored.
        const rows = committed.refused.map((r) => toRejectRow(`push/${who}/indicators`, Buffer.from(text.slice(0, 65536)), { reason: 'invalid_payload', detail: `indicators.${r.group}: ${r.error}` }));
        await insertRejects(o.db, rows);
        return { status: 400, body: { error: 'bad_request', message: 'the database refused some indicators; the others were stored', problems: committed.refused.map((r) => `indicators.${r.group}: ${r.error}`) } };
      }
      return { status: 200, body: { ok: true, metas: read.metas, values: read.values } };
    },
  };
}
