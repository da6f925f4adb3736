-- The city's daily dossier sums, without the agency: what the trend by day (and a table by level
-- or channel) reads when no agency is chosen — 365 rows × level × channel for a year instead of
-- the agencies' ≈ 30 000 (`npm run bench:kpi`: "by day, this year"). Plain PostgreSQL twin of the
-- .tsdb.sql continuous aggregate: a table kept by its own statement-level triggers on
-- case_milestones, locking its rows in key order as the other rollups do (005, 013).

CREATE TABLE case_daily_city (
  bucket timestamptz NOT NULL,
  level text NOT NULL,
  channel text NOT NULL,
  received bigint NOT NULL DEFAULT 0,
  received_online_payment bigint NOT NULL DEFAULT 0,
  received_digitized bigint NOT NULL DEFAULT 0,
  resolved bigint NOT NULL DEFAULT 0,
  resolved_early bigint NOT NULL DEFAULT 0,
  resolved_on_time bigint NOT NULL DEFAULT 0,
  resolved_late bigint NOT NULL DEFAULT 0,
  supplement_requested bigint NOT NULL DEFAULT 0,
  returned bigint NOT NULL DEFAULT 0,
  withdrawn bigint NOT NULL DEFAULT 0,
  rated bigint NOT NULL DEFAULT 0,
  rating_sum bigint NOT NULL DEFAULT 0,
  rating_1 bigint NOT NULL DEFAULT 0,
  rating_2 bigint NOT NULL DEFAULT 0,
  rating_3 bigint NOT NULL DEFAULT 0,
  rating_4 bigint NOT NULL DEFAULT 0,
  rating_5 bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket, level, channel)
);
-- Existing history: the agencies' daily rows summed.
INSERT INTO case_daily_city (bucket, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
SELECT bucket, level, channel, sum(received), sum(received_online_payment), sum(received_digitized), sum(resolved), sum(resolved_early), sum(resolved_on_time), sum(resolved_late), sum(supplement_requested), sum(returned), sum(withdrawn), sum(rated), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5)
  FROM case_daily_agency GROUP BY 1, 2, 3;

CREATE FUNCTION case_milestones_city_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_daily_city AS c (bucket, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), level, channel,
         count(*) FILTER (WHERE milestone = 'received'),
         count(*) FILTER (WHERE milestone = 'received' AND online_payment),
         count(*) FILTER (WHERE milestone = 'received' AND digitized),
         count(*) FILTER (WHERE milestone = 'resolved'),
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'early'),
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'on_time'),
         count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'late'),
         count(*) FILTER (WHERE milestone = 'supplement_requested'),
         count(*) FILTER (WHERE milestone = 'returned'),
         count(*) FILTER (WHERE milestone = 'withdrawn'),
         count(*) FILTER (WHERE milestone = 'resolved' AND rating IS NOT NULL),
         coalesce(sum(rating) FILTER (WHERE milestone = 'resolved'), 0),
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 1),
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 2),
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 3),
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 4),
         count(*) FILTER (WHERE milestone = 'resolved' AND rating = 5)
    FROM new_rows
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (bucket, level, channel) DO UPDATE SET
    received = c.received + EXCLUDED.received,
    received_online_payment = c.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = c.received_digitized + EXCLUDED.received_digitized,
    resolved = c.resolved + EXCLUDED.resolved,
    resolved_early = c.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = c.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = c.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = c.supplement_requested + EXCLUDED.supplement_requested,
    returned = c.returned + EXCLUDED.returned,
    withdrawn = c.withdrawn + EXCLUDED.withdrawn,
    rated = c.rated + EXCLUDED.rated,
    rating_sum = c.rating_sum + EXCLUDED.rating_sum,
    rating_1 = c.rating_1 + EXCLUDED.rating_1,
    rating_2 = c.rating_2 + EXCLUDED.rating_2,
    rating_3 = c.rating_3 + EXCLUDED.rating_3,
    rating_4 = c.rating_4 + EXCLUDED.rating_4,
    rating_5 = c.rating_5 + EXCLUDED.rating_5;
  RETURN NULL;
END $$;

CREATE FUNCTION case_milestones_city_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_daily_city AS c (bucket, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), level, channel,
         -count(*) FILTER (WHERE milestone = 'received'),
         -count(*) FILTER (WHERE milestone = 'received' AND online_payment),
         -count(*) FILTER (WHERE milestone = 'received' AND digitized),
         -count(*) FILTER (WHERE milestone = 'resolved'),
         -count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'early'),
         -count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'on_time'),
         -count(*) FILTER (WHERE milestone = 'resolved' AND timeliness = 'late'),
         -count(*) FILTER (WHERE milestone = 'supplement_requested'),
         -count(*) FILTER (WHERE milestone = 'returned'),
         -count(*) FILTER (WHERE milestone = 'withdrawn'),
         -count(*) FILTER (WHERE milestone = 'resolved' AND rating IS NOT NULL),
         -coalesce(sum(rating) FILTER (WHERE milestone = 'resolved'), 0),
         -count(*) FILTER (WHERE milestone = 'resolved' AND rating = 1),
         -count(*) FILTER (WHERE milestone = 'resolved' AND rating = 2),
         -count(*) FILTER (WHERE milestone = 'resolved' AND rating = 3),
         -count(*) FILTER (WHERE milestone = 'resolved' AND rating = 4),
         -count(*) FILTER (WHERE milestone = 'resolved' AND rating = 5)
    FROM old_rows
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (bucket, level, channel) DO UPDATE SET
    received = c.received + EXCLUDED.received,
    received_online_payment = c.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = c.received_digitized + EXCLUDED.received_digitized,
    resolved = c.resolved + EXCLUDED.resolved,
    resolved_early = c.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = c.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = c.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = c.supplement_requested + EXCLUDED.supplement_requested,
    returned = c.returned + EXCLUDED.returned,
    withdrawn = c.withdrawn + EXCLUDED.withdrawn,
    rated = c.rated + EXCLUDED.rated,
    rating_sum = c.rating_sum + EXCLUDED.rating_sum,
    rating_1 = c.rating_1 + EXCLUDED.rating_1,
    rating_2 = c.rating_2 + EXCLUDED.rating_2,
    rating_3 = c.rating_3 + EXCLUDED.rating_3,
    rating_4 = c.rating_4 + EXCLUDED.rating_4,
    rating_5 = c.rating_5 + EXCLUDED.rating_5;
  RETURN NULL;
END $$;

CREATE TRIGGER case_milestones_city_insert AFTER INSERT ON case_milestones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_milestones_city_insert();
CREATE TRIGGER case_milestones_city_delete AFTER DELETE ON case_milestones REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_milestones_city_delete();
