-- Searching the audit trail (/admin/audit, GET /api/admin/audit): one read model over the audit
-- log and the alarm rules' own transitions, and the indexes its filters use.

-- Newest first with a tie-break: entries written in one statement share `at`, and a keyset page
-- must continue after exactly the last row shown. Replaces the index on `at` alone.
DROP INDEX IF EXISTS audit_log_at_idx;
CREATE INDEX audit_log_at_id_idx ON audit_log (at DESC, audit_id DESC);
-- "Every sign-in failure this month", "everything user X did": equality first, then the order.
CREATE INDEX audit_log_action_at_idx ON audit_log (action, at DESC, audit_id DESC);
CREATE INDEX audit_log_actor_at_idx ON audit_log (actor, at DESC, audit_id DESC);

-- The rules' transitions (no actor), newest first: the second branch of v_audit_trail.
CREATE INDEX alarm_transitions_rules_at_idx ON alarm_transitions (at DESC, transition_id DESC) WHERE actor IS NULL;

-- A target is searched by a part of it (a user name, a camera id, an indicator): a trigram index
-- serves that without reading the whole period, as the plate search of migration 015. Where
-- pg_trgm is missing the search still answers, by reading the period asked.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    EXECUTE 'CREATE INDEX audit_log_target_trgm_idx ON audit_log USING gin (target gin_trgm_ops) WHERE target IS NOT NULL';
  END IF;
END $$;

-- The whole trail as one read model, for the search page and for anyone checking it with SQL.
--
-- Why a view and not a copy into audit_log: alarm_transitions is already append-only and is
-- written in the same statement as the alarm's state (alarm-raise.sql, alarm-transition.sql), so
-- it cannot disagree with the alarms; a second copy written by the evaluator would be a second
-- write on its hot path that could fail on its own and leave the two trails different. Only the
-- rules' transitions (actor IS NULL) are taken: a person's acknowledge or clear is already in
-- audit_log (alarm.acknowledge / alarm.clear, with the client's address), and would show twice.
--
-- `source` and `id` name the row in its own table; (at, source, id) orders the union totally.
-- A transition's `at` is when the condition began or ended (not when the evaluator noticed it);
-- `recorded_at` is in its detail.
CREATE VIEW v_audit_trail AS
  SELECT 'audit'::text AS source, l.audit_id AS id, l.at, l.actor, l.action, l.target, l.ip, l.detail
    FROM audit_log l
  UNION ALL
  SELECT 'alarm'::text, t.transition_id, t.at, NULL::text,
         CASE WHEN t.from_state IS NULL THEN 'alarm.raise' WHEN t.to_state = 'cleared' THEN 'alarm.clear' ELSE 'alarm.' || t.to_state END,
         t.alarm_id::text, NULL::text,
         jsonb_build_object('by', 'rules', 'rule', a.rule_id, 'subject', a.subject, 'severity', a.severity, 'value', a.value,
                            'from', t.from_state, 'to', t.to_state, 'note', t.note, 'recordedAt', t.recorded_at)
    FROM alarm_transitions t
    JOIN alarms a ON a.alarm_id = t.alarm_id
   WHERE t.actor IS NULL;
