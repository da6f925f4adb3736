/**
 * Checks a simulated message the way the ingest will: its topic must parse, its payload
 * must pass the zod schema of that topic, and its `ts` must be a valid wire time not in
 * the future. Used by the tests of every feed (and handy when adding one).
 */
import { PAYLOAD_SCHEMAS } from '../contracts/mqtt/payloads';
import { parseTopic, type TopicKind } from '../contracts/mqtt/topics';
import { parseWireTime } from '../contracts/time';
import type { SimMessage } from './message';

export interface WireCheck {
  kind: TopicKind | null;
  /** Epoch ms of `ts`, when the payload has one. */
  ts: number | null;
  error: string | null;
}

export function checkWire(m: SimMessage, cityId: string, timeZone: string, notAfterMs = Infinity): WireCheck {
  const topic = parseTopic(m.topic, cityId);
  if (!topic.ok) return { kind: null, ts: null, error: `${m.topic}: ${topic.error}` };
  const kind = topic.topic.kind;
  // Round-trip through JSON: what is checked is what goes on the wire.
  const payload: unknown = JSON.parse(JSON.stringify(m.payload));
  const parsed = PAYLOAD_SCHEMAS[kind].safeParse(payload);
  if (!parsed.success)
    return {
      kind,
      ts: null,
      error: `${m.topic}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    };
  const raw = (payload as { ts?: unknown }).ts;
  if (raw === undefined) return { kind, ts: null, error: null };
  const t = parseWireTime(raw, timeZone);
  if (!t.ok) return { kind, ts: null, error: `${m.topic}: ts: ${t.error}` };
  if (t.ms > notAfterMs)
    return { kind, ts: t.ms, error: `${m.topic}: ts ${String(raw)} is after ${new Date(notAfterMs).toISOString()}` };
  return { kind, ts: t.ms, error: null };
}
