-- Webhook deliveries of alarm transitions: an outbox. A row per (transition, rule webhook), made
-- once (unique transition), posted until a 2xx, with backoff. Delivered rows are never posted
-- again, so a restart does not repeat deliveries; a crash between the receiver's 2xx and our mark
-- can repeat one, which the Idempotency-Key header lets the receiver drop.
CREATE TABLE alarm_deliveries (
  delivery_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transition_id    bigint NOT NULL UNIQUE REFERENCES alarm_transitions (transition_id),
  rule_id          text NOT NULL,
  url              text NOT NULL,
  payload          jsonb NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  gave_up_at       timestamptz,
  last_error       text
);
CREATE INDEX alarm_deliveries_due_idx ON alarm_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
