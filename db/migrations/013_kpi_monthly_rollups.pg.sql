-- Monthly KPI rollups beside the daily ones (005), so a long range reads whole months from here
-- and only its partial months at either end from the daily rows (db/kpi-range.ts): a year by
-- field is ≈ 30× fewer rows (`npm run bench:kpi`). Plain PostgreSQL twin of the .tsdb.sql file's
-- hierarchical continuous aggregates: tables kept exact by their own statement-level triggers on
-- the milestone tables. Every writer runs the triggers in the same order (by name: monthly, then
-- daily), each locking its rows in key order, so concurrent writers queue rather than deadlock.
-- Months start at local midnight on the 1st in the city.

CREATE TABLE case_monthly_procedure (
  bucket timestamptz NOT NULL,
  agency_id text NOT NULL,
  level text NOT NULL,
  channel text NOT NULL,
  field text NOT NULL,
  procedure_code text NOT NULL,
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
  PRIMARY KEY (bucket, agency_id, level, channel, field, procedure_code)
);
CREATE INDEX case_monthly_procedure_agency_idx ON case_monthly_procedure (agency_id, bucket);
CREATE INDEX case_monthly_procedure_field_idx ON case_monthly_procedure (field, bucket);
CREATE INDEX case_monthly_procedure_procedure_idx ON case_monthly_procedure (procedure_code, bucket);
-- Existing history: the daily rows summed by month.
INSERT INTO case_monthly_procedure (bucket, agency_id, level, channel, field, procedure_code, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
SELECT (date_trunc('month', bucket AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, level, channel, field, procedure_code, sum(received), sum(received_online_payment), sum(received_digitized), sum(resolved), sum(resolved_early), sum(resolved_on_time), sum(resolved_late), sum(supplement_requested), sum(returned), sum(withdrawn), sum(rated), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5)
  FROM case_daily_procedure GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TABLE case_monthly_agency (
  bucket timestamptz NOT NULL,
  agency_id text NOT NULL,
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
  PRIMARY KEY (bucket, agency_id, level, channel)
);
CREATE INDEX case_monthly_agency_agency_idx ON case_monthly_agency (agency_id, bucket);
-- Existing history: the daily rows summed by month.
INSERT INTO case_monthly_agency (bucket, agency_id, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
SELECT (date_trunc('month', bucket AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, level, channel, sum(received), sum(received_online_payment), sum(received_digitized), sum(resolved), sum(resolved_early), sum(resolved_on_time), sum(resolved_late), sum(supplement_requested), sum(returned), sum(withdrawn), sum(rated), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5)
  FROM case_daily_agency GROUP BY 1, 2, 3, 4;

CREATE TABLE document_monthly (
  bucket timestamptz NOT NULL,
  agency_id text NOT NULL,
  direction text NOT NULL,
  urgency text NOT NULL,
  registered bigint NOT NULL DEFAULT 0,
  registered_e_exchange bigint NOT NULL DEFAULT 0,
  processed bigint NOT NULL DEFAULT 0,
  processed_on_time bigint NOT NULL DEFAULT 0,
  processed_late bigint NOT NULL DEFAULT 0,
  processed_no_deadline bigint NOT NULL DEFAULT 0,
  processed_signed bigint NOT NULL DEFAULT 0,
  processed_e_exchange bigint NOT NULL DEFAULT 0,
  processing_seconds_sum double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket, agency_id, direction, urgency)
);
CREATE INDEX document_monthly_agency_idx ON document_monthly (agency_id, bucket);
-- Existing history: the daily rows summed by month.
INSERT INTO document_monthly (bucket, agency_id, direction, urgency, registered, registered_e_exchange, processed, processed_on_time, processed_late, processed_no_deadline, processed_signed, processed_e_exchange, processing_seconds_sum)
SELECT (date_trunc('month', bucket AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, direction, urgency, sum(registered), sum(registered_e_exchange), sum(processed), sum(processed_on_time), sum(processed_late), sum(processed_no_deadline), sum(processed_signed), sum(processed_e_exchange), sum(processing_seconds_sum)
  FROM document_daily GROUP BY 1, 2, 3, 4;

CREATE FUNCTION case_milestones_monthly_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_monthly_procedure AS m (bucket, agency_id, level, channel, field, procedure_code, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('month', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, level, channel, field, procedure_code,
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
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (bucket, agency_id, level, channel, field, procedure_code) DO UPDATE SET
    received = m.received + EXCLUDED.received,
    received_online_payment = m.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = m.received_digitized + EXCLUDED.received_digitized,
    resolved = m.resolved + EXCLUDED.resolved,
    resolved_early = m.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = m.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = m.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = m.supplement_requested + EXCLUDED.supplement_requested,
    returned = m.returned + EXCLUDED.returned,
    withdrawn = m.withdrawn + EXCLUDED.withdrawn,
    rated = m.rated + EXCLUDED.rated,
    rating_sum = m.rating_sum + EXCLUDED.rating_sum,
    rating_1 = m.rating_1 + EXCLUDED.rating_1,
    rating_2 = m.rating_2 + EXCLUDED.rating_2,
    rating_3 = m.rating_3 + EXCLUDED.rating_3,
    rating_4 = m.rating_4 + EXCLUDED.rating_4,
    rating_5 = m.rating_5 + EXCLUDED.rating_5;
  INSERT INTO case_monthly_agency AS m (bucket, agency_id, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('month', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, level, channel,
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
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket, agency_id, level, channel) DO UPDATE SET
    received = m.received + EXCLUDED.received,
    received_online_payment = m.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = m.received_digitized + EXCLUDED.received_digitized,
    resolved = m.resolved + EXCLUDED.resolved,
    resolved_early = m.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = m.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = m.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = m.supplement_requested + EXCLUDED.supplement_requested,
    returned = m.returned + EXCLUDED.returned,
    withdrawn = m.withdrawn + EXCLUDED.withdrawn,
    rated = m.rated + EXCLUDED.rated,
    rating_sum = m.rating_sum + EXCLUDED.rating_sum,
    rating_1 = m.rating_1 + EXCLUDED.rating_1,
    rating_2 = m.rating_2 + EXCLUDED.rating_2,
    rating_3 = m.rating_3 + EXCLUDED.rating_3,
    rating_4 = m.rating_4 + EXCLUDED.rating_4,
    rating_5 = m.rating_5 + EXCLUDED.rating_5;
  RETURN NULL;
END $$;

CREATE FUNCTION case_milestones_monthly_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_monthly_procedure AS m (bucket, agency_id, level, channel, field, procedure_code, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('month', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, level, channel, field, procedure_code,
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
   GROUP BY 1, 2, 3, 4, 5, 6
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (bucket, agency_id, level, channel, field, procedure_code) DO UPDATE SET
    received = m.received + EXCLUDED.received,
    received_online_payment = m.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = m.received_digitized + EXCLUDED.received_digitized,
    resolved = m.resolved + EXCLUDED.resolved,
    resolved_early = m.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = m.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = m.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = m.supplement_requested + EXCLUDED.supplement_requested,
    returned = m.returned + EXCLUDED.returned,
    withdrawn = m.withdrawn + EXCLUDED.withdrawn,
    rated = m.rated + EXCLUDED.rated,
    rating_sum = m.rating_sum + EXCLUDED.rating_sum,
    rating_1 = m.rating_1 + EXCLUDED.rating_1,
    rating_2 = m.rating_2 + EXCLUDED.rating_2,
    rating_3 = m.rating_3 + EXCLUDED.rating_3,
    rating_4 = m.rating_4 + EXCLUDED.rating_4,
    rating_5 = m.rating_5 + EXCLUDED.rating_5;
  INSERT INTO case_monthly_agency AS m (bucket, agency_id, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('month', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, level, channel,
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
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket, agency_id, level, channel) DO UPDATE SET
    received = m.received + EXCLUDED.received,
    received_online_payment = m.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = m.received_digitized + EXCLUDED.received_digitized,
    resolved = m.resolved + EXCLUDED.resolved,
    resolved_early = m.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = m.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = m.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = m.supplement_requested + EXCLUDED.supplement_requested,
    returned = m.returned + EXCLUDED.returned,
    withdrawn = m.withdrawn + EXCLUDED.withdrawn,
    rated = m.rated + EXCLUDED.rated,
    rating_sum = m.rating_sum + EXCLUDED.rating_sum,
    rating_1 = m.rating_1 + EXCLUDED.rating_1,
    rating_2 = m.rating_2 + EXCLUDED.rating_2,
    rating_3 = m.rating_3 + EXCLUDED.rating_3,
    rating_4 = m.rating_4 + EXCLUDED.rating_4,
    rating_5 = m.rating_5 + EXCLUDED.rating_5;
  RETURN NULL;
END $$;

CREATE FUNCTION document_milestones_monthly_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_monthly AS m (bucket, agency_id, direction, urgency, registered, registered_e_exchange, processed, processed_on_time, processed_late, processed_no_deadline, processed_signed, processed_e_exchange, processing_seconds_sum)
  SELECT (date_trunc('month', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, direction, urgency,
         count(*) FILTER (WHERE milestone = 'registered'),
         count(*) FILTER (WHERE milestone = 'registered' AND e_exchange),
         count(*) FILTER (WHERE milestone = 'processed'),
         count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'on_time'),
         count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'late'),
         count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'no_deadline'),
         count(*) FILTER (WHERE milestone = 'processed' AND signed),
         count(*) FILTER (WHERE milestone = 'processed' AND e_exchange),
         coalesce(sum(processing_seconds) FILTER (WHERE milestone = 'processed'), 0)
    FROM new_rows
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket, agency_id, direction, urgency) DO UPDATE SET
    registered = m.registered + EXCLUDED.registered,
    registered_e_exchange = m.registered_e_exchange + EXCLUDED.registered_e_exchange,
    processed = m.processed + EXCLUDED.processed,
    processed_on_time = m.processed_on_time + EXCLUDED.processed_on_time,
    processed_late = m.processed_late + EXCLUDED.processed_late,
    processed_no_deadline = m.processed_no_deadline + EXCLUDED.processed_no_deadline,
    processed_signed = m.processed_signed + EXCLUDED.processed_signed,
    processed_e_exchange = m.processed_e_exchange + EXCLUDED.processed_e_exchange,
    processing_seconds_sum = m.processing_seconds_sum + EXCLUDED.processing_seconds_sum;
  RETURN NULL;
END $$;

CREATE FUNCTION document_milestones_monthly_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_monthly AS m (bucket, agency_id, direction, urgency, registered, registered_e_exchange, processed, processed_on_time, processed_late, processed_no_deadline, processed_signed, processed_e_exchange, processing_seconds_sum)
  SELECT (date_trunc('month', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh'), agency_id, direction, urgency,
         -count(*) FILTER (WHERE milestone = 'registered'),
         -count(*) FILTER (WHERE milestone = 'registered' AND e_exchange),
         -count(*) FILTER (WHERE milestone = 'processed'),
         -count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'on_time'),
         -count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'late'),
         -count(*) FILTER (WHERE milestone = 'processed' AND timeliness = 'no_deadline'),
         -count(*) FILTER (WHERE milestone = 'processed' AND signed),
         -count(*) FILTER (WHERE milestone = 'processed' AND e_exchange),
         -coalesce(sum(processing_seconds) FILTER (WHERE milestone = 'processed'), 0)
    FROM old_rows
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket, agency_id, direction, urgency) DO UPDATE SET
    registered = m.registered + EXCLUDED.registered,
    registered_e_exchange = m.registered_e_exchange + EXCLUDED.registered_e_exchange,
    processed = m.processed + EXCLUDED.processed,
    processed_on_time = m.processed_on_time + EXCLUDED.processed_on_time,
    processed_late = m.processed_late + EXCLUDED.processed_late,
    processed_no_deadline = m.processed_no_deadline + EXCLUDED.processed_no_deadline,
    processed_signed = m.processed_signed + EXCLUDED.processed_signed,
    processed_e_exchange = m.processed_e_exchange + EXCLUDED.processed_e_exchange,
    processing_seconds_sum = m.processing_seconds_sum + EXCLUDED.processing_seconds_sum;
  RETURN NULL;
END $$;

CREATE TRIGGER case_milestones_monthly_insert AFTER INSERT ON case_milestones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_milestones_monthly_insert();
CREATE TRIGGER case_milestones_monthly_delete AFTER DELETE ON case_milestones REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_milestones_monthly_delete();
CREATE TRIGGER document_milestones_monthly_insert AFTER INSERT ON document_milestones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION document_milestones_monthly_insert();
CREATE TRIGGER document_milestones_monthly_delete AFTER DELETE ON document_milestones REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION document_milestones_monthly_delete();
