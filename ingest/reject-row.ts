import type { Rejection } from '../contracts/errors';
import type { RejectRow } from '../db/ingest-writes';

export const REJECT_PAYLOAD_KEEP_BYTES = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What the dead-letter table keeps of a bad message: the payload as text when it is UTF-8
 * without NUL (PostgreSQL text cannot hold NUL), otherwise `base64:`-prefixed; cut at 64 KiB.
 */
export function toRejectRow(topic: string, payload: Uint8Array, rejection: Rejection): RejectRow {
  const kept = payload.subarray(0, REJECT_PAYLOAD_KEEP_BYTES);
  let text: string;
  try {
    text = utf8.decode(kept);
    if (text.includes('\u0000')) throw new Error('NUL');
  } catch {
    // A cut may split a multi-byte character; base64 keeps the bytes exactly either way.
    text = `base64:${Buffer.from(kept).toString('base64')}`;
  }
  return {
    topic: topic.replaceAll('\u0000', ''),
    reason: rejection.reason,
    detail: rejection.detail.replaceAll('\u0000', ''),
    payload: text,
    payloadBytes: payload.byteLength,
  };
}
