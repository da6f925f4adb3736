/**
 * Generic indicators for the console: the HTTP push (token → read → write → dead-letter → live
 * delta), the catalogue and its admins' edits, what the wall's indicator panels read, and the wall
 * layout as edited in the console (placing an indicator on a scene).
 */
import type { CityProfile } from '../contracts/city';
import { PUSH_MAX_BODY_BYTES, type IndicatorPushAnswer } from '../contracts/indicator-push';
import type { IndicatorCatalogue, IndicatorEdit, IndicatorRanking, IndicatorSeries } from '../contracts/indicators';
import { indicatorsEdited, type IngestCommit } from '../contracts/live';
import { wallLayoutSchema, type WallLayout } from '../contracts/wall';
import { indicatorCatalogue, indicatorRanking, indicatorSeries, saveIndicatorOverride, saveWallLayout, savedWallLayout } from '../db/indicators';
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
  catalogue(): Promise<IndicatorCatalogue>;
  /** Saves an admin's override; false when no such indicator is known. */
  edit(source: string, key: string, edit: IndicatorEdit): Promise<boolean>;
  series(source: string, key: string, hours: number): Promise<IndicatorSeries>;
  /** Null when the indicator is not known. */
  ranking(source: string, key: string, dim: string, hours: number): Promise<IndicatorRanking | null>;
  /** The wall layout in force: the one saved from the console, else the WALL_LAYOUT file's. */
  wallLayout(): Promise<WallLayout & { editedBy: string | null; editedAtMs: number | null }>;
  saveWallLayout(layout: WallLayout, by: string): Promise<void>;
}

export function indicatorService(o: {
  db: Db; city: CityProfile; tokens: readonly PushToken[]; publish: (c: IngestCommit) => void; now?: () => number;
  /** The WALL_LAYOUT file's layout: where the console's edits start from. */
  fileLayout?: WallLayout;
  onBadSavedLayout?: (problems: string) => void;
}): IndicatorService {
  const now = o.now ?? Date.now;
  const H = 3_600_000;
  const known = async (source: string, key: string) => (await indicatorCatalogue(o.db, now())).items.find((i) => i.source === source && i.key === key) ?? null;
  return {
    catalogue: () => indicatorCatalogue(o.db, now()),
    async edit(source, key, edit) {
      if (!(await known(source, key))) return false;
      await saveIndicatorOverride(o.db, source, key, edit);
      o.publish(indicatorsEdited(now()));
      return true;
    },
    series: (source, key, hours) => indicatorSeries(o.db, source, key, now() - hours * H),
    async ranking(source, key, dim, hours) {
      const item = await known(source, key);
      if (!item) return null;
      return indicatorRanking(o.db, source, key, dim, now() - hours * H, item.kind === 'counter', item.direction !== 'lower_is_better');
    },
    async wallLayout() {
      if (!o.fileLayout) throw new Error('no wall layout file was loaded');
      const saved = await savedWallLayout(o.db, o.fileLayout.id);
      if (saved) {
        // Validated again on read: a layout saved by an older version may not fit today's schema.
        const parsed = wallLayoutSchema.safeParse(saved.layout);
        if (parsed.success) return { ...parsed.data, editedBy: saved.by, editedAtMs: saved.atMs };
        o.onBadSavedLayout?.(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      }
      return { ...o.fileLayout, editedBy: null, editedAtMs: null };
    },
    async saveWallLayout(layout, by) {
      if (!o.fileLayout) throw new Error('no wall layout file was loaded');
      // Saved under the file's id: the file is the layout a fresh installation starts from.
      await saveWallLayout(o.db, o.fileLayout.id, { ...layout, id: o.fileLayout.id }, by);
    },
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
