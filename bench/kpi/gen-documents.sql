-- Official-document events: about $3 documents registered over the $2 local days up to $1 (now),
-- working days only, in office hours, spread over bench_agencies by weight, as sim/feeds/documents.ts
-- makes them. Incoming: registered → assigned → processed; urgency flash 3 % (4 h), urgent 12 %
-- (2 working days), otherwise 65 % with a deadline of 5–15 working days and the rest none; 8 %
-- processed late, 1 % never. Outgoing: registered → issued, 93 % signed, mostly exchanged
-- electronically. Events after $1 are left out. random() is seeded by the caller.
INSERT INTO document_events (time, doc_id, agency_id, direction, event, due_at, signed, e_exchange, urgency)
WITH days AS (
  SELECT d::date AS day
    FROM generate_series((($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - ($2::int - 1))::timestamp,
                         ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::timestamp, INTERVAL '1 day') d
   WHERE extract(isodow FROM d) <= 5
), expected AS (
  SELECT a.agency_id, d.day, dir.direction, CASE dir.direction WHEN 'incoming' THEN a.doc_in_weight ELSE a.doc_out_weight END AS e
    FROM bench_agencies a CROSS JOIN days d CROSS JOIN (VALUES ('incoming'), ('outgoing')) dir(direction)
), counts AS (
  SELECT *, floor($3::float8 * e / sum(e) OVER () * (0.75 + 0.5 * random()) + random())::int AS n FROM expected
), drawn AS (
  SELECT c.agency_id, c.day, c.direction, i AS no, bench_office_time(c.day, random()) AS registered_at,
         random() AS r_urg, random() AS r_due, random() AS r_due_days, random() AS r_assign, random() AS r_late, random() AS r_at,
         random() AS r_when, random() AS r_sign, random() AS r_ex
    FROM counts c CROSS JOIN LATERAL generate_series(1, c.n) i
), incoming AS (
  SELECT d.*,
         CASE WHEN r_urg < 0.03 THEN 'flash' WHEN r_urg < 0.15 THEN 'urgent' ELSE 'normal' END AS urgency,
         CASE WHEN r_urg < 0.03 THEN registered_at + INTERVAL '4 hours'
              WHEN r_urg < 0.15 THEN bench_due(registered_at, 2)
              WHEN r_due < 0.65 THEN bench_due(registered_at, 5 + floor(11 * r_due_days)::int) END AS due_at,
         registered_at + INTERVAL '10 minutes' + CASE WHEN r_urg < 0.15 THEN INTERVAL '20 minutes' ELSE INTERVAL '230 minutes' END * r_assign AS assigned_at
    FROM drawn d WHERE direction = 'incoming'
), incoming_done AS MATERIALIZED (
  -- Materialized: each document's times are computed once, not per use.
  SELECT i.*,
         -- in office hours of the day it falls on (as the simulator's nextOfficeMoment)
         CASE WHEN r_late < 0.01 THEN NULL
              WHEN r_late < 0.09 THEN greatest(deadline + INTERVAL '1 minute', bench_office_snap(deadline + greatest(deadline - assigned_at, INTERVAL '1 day') * (0.1 + 0.4 * r_at), r_when))
              ELSE greatest(assigned_at + INTERVAL '5 minutes', least(deadline - INTERVAL '1 minute',
                     bench_office_snap(assigned_at + (deadline - assigned_at) * (0.15 + 0.8 * r_at), r_when))) END AS processed_at
    FROM (SELECT x.*, coalesce(x.due_at, bench_due(x.registered_at, 5)) AS deadline FROM incoming x) i
), outgoing AS (
  SELECT d.*, r_sign < 0.93 AS signed, r_ex < CASE WHEN r_sign < 0.93 THEN 0.94 ELSE 0.2 END AS e_exchange,
         CASE WHEN r_urg < 0.1 THEN 'urgent' ELSE 'normal' END AS urgency,
         registered_at + INTERVAL '10 minutes' + INTERVAL '230 minutes' * r_assign AS issued_at
    FROM drawn d WHERE direction = 'outgoing'
), events AS (
  SELECT e.time, 'VB.' || i.agency_id || '-' || to_char(i.day, 'YYMMDD') || '-DEN-' || lpad(i.no::text, 4, '0') AS doc_id,
         i.agency_id, 'incoming' AS direction, e.event, i.due_at, NULL::boolean AS signed, NULL::boolean AS e_exchange, i.urgency
    FROM incoming_done i
   CROSS JOIN LATERAL (VALUES ('registered', i.registered_at), ('assigned', i.assigned_at), ('processed', i.processed_at)) e(event, time)
  UNION ALL
  SELECT e.time, 'VB.' || o.agency_id || '-' || to_char(o.day, 'YYMMDD') || '-DI-' || lpad(o.no::text, 4, '0'),
         o.agency_id, 'outgoing', e.event, NULL, o.signed, o.e_exchange, o.urgency
    FROM outgoing o
   CROSS JOIN LATERAL (VALUES ('registered', o.registered_at), ('issued', o.issued_at)) e(event, time)
)
SELECT date_trunc('second', time), doc_id, agency_id, direction, event, due_at, signed, e_exchange, urgency
  FROM events WHERE time IS NOT NULL AND time <= $1::timestamptz ORDER BY 1;
