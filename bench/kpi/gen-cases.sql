-- Dossier events: about $3 dossiers received over the $2 local days up to $1 (now), spread over
-- bench_agencies by weight, with the simulator's patterns (sim/feeds/cases.ts): counter and post
-- in office hours on working days, online at any hour and less at weekends; a procedure picked by
-- weight from the agency's catalogue, its deadline in working days; outcomes early / on time /
-- late / withdrawn / returned / never finished, supplement requests, ratings. Events after $1 are
-- left out, so recent dossiers are still in progress. random() is seeded by the caller.
INSERT INTO case_events (time, case_id, agency_id, event, procedure_code, procedure_name, field, level, channel, due_at,
                         online_payment, digitized, rating)
WITH days AS (
  SELECT d::date AS day, extract(isodow FROM d)::int AS dow
    FROM generate_series((($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - ($2::int - 1))::timestamp,
                         ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::timestamp, INTERVAL '1 day') d
), expected AS (
  SELECT a.agency_id, a.level, a.proc_kind, d.day, d.dow, ch.channel,
         a.case_weight * ch.share * CASE WHEN d.dow <= 5 THEN 1 WHEN ch.channel <> 'online' THEN 0 WHEN d.dow = 6 THEN 0.3 ELSE 0.15 END AS e
    FROM bench_agencies a
   CROSS JOIN days d
   CROSS JOIN (VALUES ('online', 0.55), ('counter', 0.40), ('postal', 0.05)) ch(channel, share)
), counts AS (
  -- Rounded at random (floor(x + u)), so small expected counts (post at a small agency) stay unbiased.
  SELECT *, floor($3::float8 * e / sum(e) OVER () * (0.75 + 0.5 * random()) + random())::int AS n FROM expected
), numbered AS (
  -- Numbers within the agency's day, channel after channel (the code's last part).
  SELECT *, coalesce(sum(n) OVER (PARTITION BY agency_id, day ORDER BY channel ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_no
    FROM counts WHERE n > 0
), drawn AS (
  SELECT c.agency_id, c.level, c.proc_kind, c.channel, c.day, c.first_no + i AS no,
         random() AS r_time, random() AS r_proc, random() AS r_out, random() AS r_at, random() AS r_when, random() AS r_assign,
         random() AS r_supp, random() AS r_supp_at, random() AS r_pay, random() AS r_dig, random() AS r_rate, random() AS r_stars
    FROM numbered c CROSS JOIN LATERAL generate_series(1, c.n) i
), received AS (
  SELECT d.*, p.code, p.name, p.field, p.days, p.fee,
         CASE WHEN d.channel = 'online'
              THEN (d.day + CASE WHEN d.r_time < 0.85 THEN 6 + 16 * d.r_time / 0.85 ELSE 24 * (d.r_time - 0.85) / 0.15 END * INTERVAL '1 hour')
                   AT TIME ZONE 'Asia/Ho_Chi_Minh'
              ELSE bench_office_time(d.day, d.r_time) END AS received_at
    FROM drawn d
    JOIN bench_procedure_slots s ON s.kind = d.proc_kind AND s.slot = floor(d.r_proc * 1000)::int
    JOIN bench_procedures p ON p.kind = s.kind AND p.code = s.code
), due AS MATERIALIZED (
  -- Materialized (here and below): each row's draws and times are computed once, not per use.
  SELECT r.*, bench_due(r.received_at, r.days) AS due_at FROM received r
), outcome AS (
  -- 1.5 % never finished, 1.5 % withdrawn, 2.5 % returned; of the rest about 55 % early, 33 % on time,
  -- 12 % late. Officials act in office hours: each end is put at an office-hour time of its day.
  SELECT u.*,
         CASE WHEN r_out < 0.015 THEN NULL WHEN r_out < 0.030 THEN 'withdrawn' WHEN r_out < 0.055 THEN 'returned' ELSE 'resolved' END AS end_event,
         CASE WHEN r_out < 0.015 THEN NULL
              WHEN r_out < 0.030 THEN greatest(received_at + INTERVAL '15 minutes', bench_office_snap(received_at + (due_at - received_at) * (0.05 + 0.75 * r_at), r_when))
              WHEN r_out < 0.055 THEN greatest(received_at + INTERVAL '15 minutes', bench_office_snap(received_at + (due_at - received_at) * (0.02 + 0.3 * r_at), r_when))
              WHEN r_out < 0.168 THEN bench_office_time((due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 1 + floor(10 * r_at * r_at)::int, r_when)
              WHEN r_out < 0.480 OR due_day_start - received_at < INTERVAL '2 hours'
                THEN greatest(received_at + INTERVAL '15 minutes', least(due_at, bench_office_snap(due_day_start, r_when)))
              ELSE greatest(received_at + INTERVAL '15 minutes', least(due_day_start - INTERVAL '1 minute',
                     bench_office_snap(received_at + (due_day_start - received_at) * r_at, r_when))) END AS end_at
    FROM (SELECT d.*, (((d.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS due_day_start FROM due d) u
), dossier AS MATERIALIZED (
  SELECT o.*,
         'H31.' || o.agency_id || '-' || to_char(o.day, 'YYMMDD') || '-' || lpad(o.no::text, 4, '0') AS case_id,
         o.received_at + least(INTERVAL '2 hours', coalesce((o.end_at - o.received_at) / 2, INTERVAL '2 hours')) * o.r_assign AS assigned_at,
         CASE WHEN o.r_supp < 0.07 AND o.end_event IS DISTINCT FROM 'withdrawn' AND o.end_event IS DISTINCT FROM 'returned'
              THEN o.received_at + coalesce((o.end_at - o.received_at) * (0.2 + 0.3 * o.r_supp_at), INTERVAL '3 days' * o.r_supp_at) END AS supplement_at,
         o.fee AND o.r_pay < CASE o.channel WHEN 'online' THEN 0.6 WHEN 'postal' THEN 0.3 ELSE 0.12 END AS online_payment,
         o.r_dig < CASE o.channel WHEN 'online' THEN 0.97 ELSE 0.85 END AS digitized,
         CASE WHEN o.end_event = 'resolved' AND o.r_rate < 0.35
              THEN (CASE WHEN o.r_stars < 0.02 THEN 1 WHEN o.r_stars < 0.05 THEN 2 WHEN o.r_stars < 0.15 THEN 3 WHEN o.r_stars < 0.45 THEN 4 ELSE 5 END)::smallint END AS rating
    FROM outcome o
)
SELECT date_trunc('second', e.time), d.case_id, d.agency_id, e.event, d.code, e.name, e.field, d.level, d.channel, d.due_at, e.paid, e.digitized, e.rating
  FROM dossier d
 CROSS JOIN LATERAL (VALUES
   ('received', d.received_at, d.name, d.field, d.online_payment, d.digitized, NULL::smallint),
   ('assigned', d.assigned_at, NULL, NULL, NULL, NULL, NULL),
   ('supplement_requested', d.supplement_at, NULL, NULL, NULL, NULL, NULL),
   (d.end_event, d.end_at, NULL, NULL, NULL, NULL, d.rating)
 ) e(event, time, name, field, paid, digitized, rating)
 WHERE e.time IS NOT NULL AND e.time <= $1::timestamptz
 ORDER BY 1;
