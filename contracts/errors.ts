/**
 * The error catalogue: every reason a message can be rejected into the dead-letter table,
 * and every reason a process refuses to start. One place, so metrics, docs and UI agree.
 */

export const REJECT_REASONS = {
  payload_too_large: 'payload larger than the contract allows',
  not_utf8: 'payload is not valid UTF-8',
  not_json: 'payload is not JSON',
  unknown_topic: 'topic is not part of the wire contract',
  invalid_payload: 'payload does not match the schema of its topic',
  future_timestamp: 'timestamp more than 5 minutes in the future',
  snapshot_too_large: 'camera snapshot larger than 256 KiB',
  // MQTT 5 brokers that name the publisher (contracts/mqtt/identity.ts, docs/security.md):
  publisher_mismatch: 'the broker says another publisher sent this than the device, agency or source in the topic',
  // The connector and file-import ways in (docs/connectors.md, docs/import.md):
  bad_record: 'a dossier or document record lacks a field or has a value that cannot be read',
  bad_page: 'a connector page does not have the configured shape (items, next cursor)',
} as const;

export type RejectReason = keyof typeof REJECT_REASONS;

export interface Rejection {
  reason: RejectReason;
  /** Human-readable detail: which field, what was expected. */
  detail: string;
}

/** A startup failure with a message meant for the operator's terminal. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}
