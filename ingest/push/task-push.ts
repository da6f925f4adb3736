/**
 * Reads an HTTP push of leaders' task events through the MQTT path, as indicator-push.ts does for
 * indicators: each event is the payload of `task/{agency}/event` and goes through `decodeMessage`.
 * Taken whole or refused whole; every refused event is one dead-letter row.
 */
import { taskPushSchema } from '../../contracts/tasks';
import { topics } from '../../contracts/mqtt/topics';
import type { RejectRow } from '../../db/ingest-writes';
import { decodeMessage, type DecodeContext } from '../decode';
import type { IngestRecord } from '../records';
import { toRejectRow } from '../reject-row';
import { problemsAt, pushTopic, type PushRead } from './indicator-push';

export function readTaskPush(who: string, text: string, ctx: DecodeContext): PushRead {
  const whole = (reason: 'not_json' | 'invalid_payload', problems: string[]): PushRead => ({
    ok: false,
    problems,
    rejects: [
      toRejectRow(pushTopic(who, 'tasks'), Buffer.from(text), { reason, detail: problems.join('; ').slice(0, 1000) }),
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
  const body = taskPushSchema.safeParse(json);
  if (!body.success)
    return whole(
      'invalid_payload',
      body.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
    );
  const records: IngestRecord[] = [];
  const problems: string[] = [];
  const rejects: RejectRow[] = [];
  body.data.events.forEach(({ agency, ...payload }, i) => {
    const bytes = Buffer.from(JSON.stringify(payload));
    const d = decodeMessage(topics.taskEvent(ctx.city, agency), bytes, ctx);
    if (d.ok) return records.push(d.record);
    problems.push(...problemsAt(`events.${i}`, d.rejection.detail));
    rejects.push(toRejectRow(pushTopic(who, `task/${agency}/event`), bytes, d.rejection));
  });
  if (problems.length > 0)
    return {
      ok: false,
      problems: problems.length > 20 ? [...problems.slice(0, 20), `… and ${problems.length - 20} more`] : problems,
      rejects,
    };
  // One group per event: the database's refusal of one (should validation miss it) names that one.
  return { ok: true, groups: records.map((r) => [r]), metas: 0, values: records.length };
}
