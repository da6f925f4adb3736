/** The benchmark's data: message i is a pm25 reading of device dev-(i mod 10 000). */
import type { TelemetryRow } from '../db/ingest-writes';

export const CITY = 'haiphong';
export const DEVICES = 10_000;

export const deviceOf = (i: number): string => `dev-${i % DEVICES}`;
export const topicOf = (i: number): string => `city/${CITY}/sensor/${deviceOf(i)}/telemetry`;
const valueOf = (i: number): number => 5 + (i % 997) / 10;
/** `ts` first, as epoch ms, so the bench can read it back without parsing JSON (see stampOf). */
export const payloadOf = (i: number, ts: number): string => `{"ts":${ts},"values":{"pm25":${valueOf(i)}}}`;

/** The `ts` of a payload made by payloadOf, or -1 for any other payload. */
export function stampOf(payload: Uint8Array): number {
  const prefix = '{"ts":';
  for (let k = 0; k < prefix.length; k++) if (payload[k] !== prefix.charCodeAt(k)) return -1;
  let v = 0;
  let i = prefix.length;
  for (; i < payload.length; i++) {
    const c = payload[i]!;
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
  }
  return i > prefix.length ? v : -1;
}

/** The same readings as rows, for the write-path measurements (ts = start + i: unique per device). */
export function rowsOf(n: number, startMs: number): TelemetryRow[] {
  return Array.from({ length: n }, (_, i) => ({
    timeMs: startMs + i,
    deviceId: deviceOf(i),
    metric: 'pm25',
    value: valueOf(i),
  }));
}
