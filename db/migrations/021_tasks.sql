-- Leaders' assigned tasks (nhiệm vụ được giao, issue #9): the events as received, and each task as
-- they make it. Tasks are few (thousands a year), so the task is folded on read rather than kept in
-- a state table: one place decides what a task's status and deadline are.
CREATE TABLE task_events (
  time          timestamptz NOT NULL,
  task_id       text NOT NULL,
  agency_id     text NOT NULL,             -- the owner agency (the topic's)
  event         text NOT NULL,             -- assigned | extended | progress | completed | reopened | cancelled
  title         text,
  assigned_by   text,                      -- the assigning leader
  due_at        timestamptz,               -- the deadline (assigned) or the new one (extended)
  progress_pct  double precision,
  document_ref  text,
  extra         jsonb,
  PRIMARY KEY (task_id, event, time)
);
CREATE INDEX task_events_time_idx ON task_events (time DESC);

-- Every task as its events make it (read model: add columns at the end, never rename).
--   agency_id, assigned_by, title: from the last `assigned` (a task can be assigned again), else the last event.
--   assigned_at: the first `assigned`.
--   status: the last of assigned / completed / reopened / cancelled — done, cancelled or open
--     (a reopened task is open until it is completed again; its last completion is the one that counts).
--   due_at: the deadline in force — the last one set (assigned or extended) up to the completion for a
--     done task (an extension after it does not make a late task on time), the last one for an open task.
--   first_due_at: the deadline first given; extensions: how many times it was extended; reopened: how many times.
-- Events at the same instant: cancelled, then reopened, then completed win, in that order.
CREATE VIEW v_tasks AS
  SELECT t.task_id,
         coalesce(a.agency_id, l.agency_id) AS agency_id,
         a.assigned_by,
         coalesce(a.title, l.title)         AS title,
         f.assigned_at,
         d.due_at,
         CASE s.event WHEN 'completed' THEN 'done' WHEN 'cancelled' THEN 'cancelled' ELSE 'open' END AS status,
         CASE WHEN s.event = 'completed' THEN s.time END AS completed_at,
         f.first_due_at, f.extensions, f.reopened
    FROM (SELECT DISTINCT task_id FROM task_events) t
    LEFT JOIN LATERAL (SELECT agency_id, assigned_by, title FROM task_events e
                        WHERE e.task_id = t.task_id AND e.event = 'assigned' ORDER BY e.time DESC LIMIT 1) a ON true
    CROSS JOIN LATERAL (SELECT agency_id, title FROM task_events e WHERE e.task_id = t.task_id ORDER BY e.time DESC LIMIT 1) l
    CROSS JOIN LATERAL (SELECT min(e.time) FILTER (WHERE e.event = 'assigned') AS assigned_at,
                               (array_agg(e.due_at ORDER BY e.time) FILTER (WHERE e.event = 'assigned'))[1] AS first_due_at,
                               count(*) FILTER (WHERE e.event = 'extended')::int AS extensions,
                               count(*) FILTER (WHERE e.event = 'reopened')::int AS reopened
                          FROM task_events e WHERE e.task_id = t.task_id) f
    LEFT JOIN LATERAL (SELECT e.event, e.time FROM task_events e
                        WHERE e.task_id = t.task_id AND e.event IN ('assigned', 'completed', 'reopened', 'cancelled')
                        ORDER BY e.time DESC, CASE e.event WHEN 'cancelled' THEN 0 WHEN 'reopened' THEN 1 WHEN 'completed' THEN 2 ELSE 3 END
                        LIMIT 1) s ON true
    LEFT JOIN LATERAL (SELECT e.due_at FROM task_events e
                        WHERE e.task_id = t.task_id AND e.event IN ('assigned', 'extended') AND e.due_at IS NOT NULL
                          AND (s.event IS DISTINCT FROM 'completed' OR e.time <= s.time)
                        ORDER BY e.time DESC LIMIT 1) d ON true;
