/**
 * Reads an HTTP push of indicators into ingest records through the MQTT path: each meta and each
 * value is encoded as the message it would have been on its topic and goes through `decodeMessage`,
 * so the checks, limits and reject reasons are the MQTT ones. A request is taken whole or refused
 * whole — a client that fixes the fields named and sends it again gets each value stored once
 * (natural key) — and every refused item is one row in the dead-letter table.
 */
import { indicatorPushSchema } from '../../contracts/indicator-push';
import { topics } from '../../contracts/mqtt/topics';
import type { RejectRow } from '../../db/ingest-writes';
import { decodeMessage, type DecodeContext } from '../decode';
import type { IngestRecord } from '../records';
import { toRejectRow } from '../reject-row';

export type PushRead =
  | { ok: true; groups: IngestRecord[][]; metas: number; values: number }
  | { ok: false; problems: string[]; rejects: RejectRow[] };

/** Where a refused push lands in `ingest_rejects.topic`: who pushed, then the wire topic's tail. */
export const pushTopic = (who: string, tail: string) => `push/${who}/${tail}`;

/** `values: must be…; ts: …` from decode → `indicators.0.values.3.value: must be…`, one line per field. */
export function problemsAt(path: string, detail: string): string[] {
  return detail.split('; ').map((part) => {
    const m = /^([A-Za-z0-9_.]+|\(root\)): (.*)$/s.exec(part);
    if (!m) return `${path}: ${part}`;
    return m[1] === '(root)' ? `${path}: ${m[2]}` : `${path}.${m[1]}: ${m[2]}`;
  });
}

export function readIndicatorPush(who: string, text: string, ctx: DecodeContext): PushRead {
  const whole = (reason: 'not_json' | 'invalid_payload', problems: string[]): PushRead => ({
    ok: false,
    problems,
    rejects: [
      toRejectRow(pushTopic(who, 'indicators'), Buffer.from(text), {
        reason,
        detail: problems.join('; ').slice(0, 1000),
      }),
    ],
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return whole('not_json', [
      `body: not JSON (${err instanceof Error ? err.message.slice(0, 120) : 'JSON.parse failed'})`,
    ]);
  }
  const body = indicatorPushSchema.safeParse(json);
  if (!body.success)
    return whole(
      'invalid_payload',
      body.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    );

  const groups: IngestRecord[][] = [];
  const problems: string[] = [];
  const rejects: RejectRow[] = [];
  let metas = 0;
  let values = 0;
  const take = (topic: string, tail: string, path: string, payload: unknown, group: IngestRecord[]) => {
    const bytes = Buffer.from(JSON.stringify(payload) ?? 'null');
    const d = decodeMessage(topic, bytes, ctx);
    if (d.ok) return group.push(d.record);
    problems.push(...problemsAt(path, d.rejection.detail));
    rejects.push(toRejectRow(pushTopic(who, tail), bytes, d.rejection));
  };
  body.data.indicators.forEach((ind, i) => {
    const group: IngestRecord[] = [];
    const tail = `indicator/${ind.source}/${ind.key}`;
    if (ind.meta !== undefined) {
      take(
        topics.indicatorMeta(ctx.city, ind.source, ind.key),
        `${tail}/meta`,
        `indicators.${i}.meta`,
        ind.meta,
        group,
      );
      metas++;
    }
    (ind.values ?? []).forEach((v, j) =>
      take(topics.indicatorValue(ctx.city, ind.source, ind.key), tail, `indicators.${i}.values.${j}`, v, group),
    );
    values += ind.values?.length ?? 0;
    groups.push(group);
  });
  // Only the first problems are named: a client sending 5000 bad values needs to see the pattern, not all of them.
  if (problems.length > 0)
    return {
      ok: false,
      problems: problems.length > 20 ? [...problems.slice(0, 20), `… and ${problems.length - 20} more`] : problems,
      rejects,
    };
  return { ok: true, groups, metas, values };
}
