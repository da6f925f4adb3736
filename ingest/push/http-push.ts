/**
 * The HTTP push shared by indicators and leaders' tasks: token → size → read (the MQTT checks) →
 * write through the ingest's write path → dead-letter what was refused → live delta.
 */
import type { CityProfile } from '../../contracts/city';
import { PUSH_MAX_BODY_BYTES, type IndicatorPushAnswer } from '../../contracts/indicator-push';
import type { IngestCommit } from '../../contracts/live';
import type { PushToken } from '../../contracts/push-tokens';
import type { Db } from '../../db/adapter';
import { insertRejects } from '../../db/ingest-writes';
import type { DecodeContext } from '../decode';
import type { PushRead } from './indicator-push';
import { toRejectRow } from '../reject-row';
import { createWriteStage } from '../write-stage';
import { pushCaller } from './push-auth';

export type PushAnswer = IndicatorPushAnswer;

export interface PushDeps {
  db: Db;
  city: CityProfile;
  tokens: readonly PushToken[];
  publish: (c: IngestCommit) => void;
  now: () => number;
}

/** `what` names the request in the dead-letter topic (`push/<who>/<what>`) and the answers. */
export async function handlePush(
  o: PushDeps,
  what: 'indicators' | 'tasks',
  authorization: string | null,
  text: string,
  read: (who: string, text: string, ctx: DecodeContext) => PushRead,
): Promise<PushAnswer> {
  const who = pushCaller(authorization, o.tokens);
  if (who === null)
    return {
      status: 401,
      body:
        o.tokens.length === 0
          ? { error: 'unauthenticated', message: 'HTTP push is off: no token is configured (INDICATOR_PUSH_TOKENS)' }
          : {
              error: 'unauthenticated',
              message: 'expected Authorization: Bearer <token> with a token from INDICATOR_PUSH_TOKENS',
            },
    };
  if (Buffer.byteLength(text) > PUSH_MAX_BODY_BYTES) {
    const problem = `body: ${Buffer.byteLength(text)} bytes > ${PUSH_MAX_BODY_BYTES}`;
    await insertRejects(o.db, [
      toRejectRow(`push/${who}/${what}`, Buffer.from(text), { reason: 'payload_too_large', detail: problem }),
    ]);
    return {
      status: 413,
      body: { error: 'payload_too_large', message: 'split the request into several', problems: [problem] },
    };
  }
  const r = read(who, text, { city: o.city.id, timeZone: o.city.timeZone, now: o.now() });
  if (!r.ok) {
    await insertRejects(o.db, r.rejects);
    return {
      status: 400,
      body: {
        error: 'bad_request',
        message: 'nothing was stored; every refused item is in the dead-letter table (v_ingest_rejects)',
        problems: r.problems,
      },
    };
  }
  // Pushed records have no location. A refused item is kept with the whole request as its payload.
  const payload = Buffer.from(text.slice(0, 65536));
  const problemOf = (group: number, error: string) =>
    `${what === 'tasks' ? 'events' : 'indicators'}.${group}: ${error}`;
  const stage = createWriteStage({
    db: o.db,
    timeZone: o.city.timeZone,
    place: () => null,
    publish: o.publish,
    now: o.now,
  });
  const committed = await stage.commit({
    groups: r.groups,
    account: true,
    refusedRow: (group, error) =>
      toRejectRow(`push/${who}/${what}`, payload, { reason: 'invalid_payload', detail: problemOf(group, error) }),
  });
  if (committed.refused.length > 0) {
    // Validation should have caught it; the database's word is kept and the rest stays stored.
    const problems = committed.refused.map((x) => problemOf(x.group, x.error));
    return {
      status: 400,
      body: { error: 'bad_request', message: 'the database refused some items; the others were stored', problems },
    };
  }
  return { status: 200, body: { ok: true, metas: r.metas, values: r.values } };
}
