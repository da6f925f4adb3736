-- The notification service's outbox and delivery log (issue 19, docs/notifications.md). A row is
-- written in the transaction of the fact that caused it; the unique idempotency key (recipient,
-- cause, stage, channel) makes it one message however often it is enqueued. The pg-boss job that
-- delivers it only names the row: the row is the truth (status, attempts, the gateway's answer).
CREATE TABLE notifications (
  notification_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key   text NOT NULL UNIQUE,
  recipient         text NOT NULL,
  channel           text NOT NULL CHECK (channel IN ('email', 'sms', 'zalo', 'webhook', 'inapp')),
  address           text NOT NULL,
  cause             text NOT NULL,
  stage             text NOT NULL,
  urgent            boolean NOT NULL DEFAULT false,
  subject           text NOT NULL DEFAULT '',
  body              text NOT NULL,
  template          jsonb,
  status            text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'held', 'sending', 'delivered', 'failed', 'not_sent')),
  attempts          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL,
  -- While `sending`: until when the sender owns it. Past it, the sender is taken for dead and the
  -- message is sent again, marked possibly repeated.
  lease_until       timestamptz,
  possibly_repeated boolean NOT NULL DEFAULT false,
  last_answer       text,
  provider_id       text,
  created_at        timestamptz NOT NULL,
  finished_at       timestamptz,
  read_at           timestamptz
);
CREATE INDEX notifications_status_idx ON notifications (status, next_attempt_at);
CREATE INDEX notifications_inapp_idx ON notifications (recipient, created_at DESC) WHERE channel = 'inapp';
CREATE INDEX notifications_cause_idx ON notifications (cause);

-- Every attempt, as the delivery log shows it: a repeat to a gateway is visible here.
CREATE TABLE notification_attempts (
  notification_id   bigint NOT NULL REFERENCES notifications (notification_id),
  attempt           integer NOT NULL,
  at                timestamptz NOT NULL,
  outcome           text NOT NULL CHECK (outcome IN ('delivered', 'retryable', 'permanent', 'held', 'not_sent')),
  answer            text NOT NULL,
  possibly_repeated boolean NOT NULL DEFAULT false,
  PRIMARY KEY (notification_id, attempt, at)
);
