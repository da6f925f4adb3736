-- Where the alarm evaluator has read up to in each stream (telemetry, camera events), so a
-- restarted evaluator resumes there and evaluates what arrived while it was down.
CREATE TABLE alarm_checkpoints (
  stream      text PRIMARY KEY,
  at          timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- "Was this alarm (rule, subject, start) already raised?" — asked by every raise.
CREATE INDEX alarms_rule_subject_idx ON alarms (rule_id, subject, raised_at);
