-- Alarms: one row per alarm (a rule firing for one subject: a sensor, a device, a camera event,
-- an agency), its lifecycle state, and an append-only audit trail of every transition.
-- At most one open alarm per (rule, subject): an evaluator that restarts and sees the condition
-- again finds the alarm it already raised instead of raising a second one.

CREATE TABLE alarms (
  alarm_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  rule_id       text NOT NULL,
  subject       text NOT NULL,                 -- e.g. sensor:aq-12, camera:cam-3, event:ev-991, agency:so-tp
  severity      smallint NOT NULL CHECK (severity BETWEEN 1 AND 3),
  state         text NOT NULL CHECK (state IN ('active', 'acknowledged', 'cleared')),
  raised_at     timestamptz NOT NULL,          -- when the condition began to count (not when it was noticed)
  value         double precision,
  acked_at      timestamptz,
  acked_by      text,
  ack_note      text,
  cleared_at    timestamptz,
  cleared_by    text,                          -- NULL: the condition ended by itself
  detail        jsonb
);
CREATE UNIQUE INDEX alarms_open_uniq ON alarms (rule_id, subject) WHERE state <> 'cleared';
CREATE INDEX alarms_open_idx ON alarms (severity DESC, raised_at DESC) WHERE state <> 'cleared';
CREATE INDEX alarms_raised_idx ON alarms (raised_at DESC);

CREATE TABLE alarm_transitions (
  transition_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alarm_id      bigint NOT NULL REFERENCES alarms (alarm_id),
  at            timestamptz NOT NULL,
  from_state    text,                          -- NULL when raised
  to_state      text NOT NULL,
  actor         text,                          -- a user, or NULL for the evaluator
  note          text,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alarm_transitions_alarm_idx ON alarm_transitions (alarm_id, transition_id);

-- The audit trail is append-only at the database level.
CREATE FUNCTION alarm_transitions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'alarm_transitions is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER alarm_transitions_append_only BEFORE UPDATE OR DELETE ON alarm_transitions
  FOR EACH ROW EXECUTE FUNCTION alarm_transitions_append_only();
