-- Plain PostgreSQL twin of 005_kpi_rollups.tsdb.sql: the same relations, as tables kept up to date
-- by statement-level triggers on the milestone tables (inserted rows add, deleted rows subtract),
-- so they are exact and live at every commit, like a real-time continuous aggregate.
-- Concurrent writers lock rollup rows in key order (ORDER BY before ON CONFLICT), so they queue
-- rather than deadlock.

CREATE TABLE case_daily_procedure (
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

CREATE TABLE case_daily_agency (
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

CREATE TABLE document_daily (
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

CREATE FUNCTION case_milestones_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_daily_procedure (bucket, agency_id, level, channel, field, procedure_code, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket, agency_id, level, channel, field, procedure_code,
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
    received = case_daily_procedure.received + EXCLUDED.received,
    received_online_payment = case_daily_procedure.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = case_daily_procedure.received_digitized + EXCLUDED.received_digitized,
    resolved = case_daily_procedure.resolved + EXCLUDED.resolved,
    resolved_early = case_daily_procedure.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = case_daily_procedure.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = case_daily_procedure.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = case_daily_procedure.supplement_requested + EXCLUDED.supplement_requested,
    returned = case_daily_procedure.returned + EXCLUDED.returned,
    withdrawn = case_daily_procedure.withdrawn + EXCLUDED.withdrawn,
    rated = case_daily_procedure.rated + EXCLUDED.rated,
    rating_sum = case_daily_procedure.rating_sum + EXCLUDED.rating_sum,
    rating_1 = case_daily_procedure.rating_1 + EXCLUDED.rating_1,
    rating_2 = case_daily_procedure.rating_2 + EXCLUDED.rating_2,
    rating_3 = case_daily_procedure.rating_3 + EXCLUDED.rating_3,
    rating_4 = case_daily_procedure.rating_4 + EXCLUDED.rating_4,
    rating_5 = case_daily_procedure.rating_5 + EXCLUDED.rating_5;
  INSERT INTO case_daily_agency (bucket, agency_id, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket, agency_id, level, channel,
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
    received = case_daily_agency.received + EXCLUDED.received,
    received_online_payment = case_daily_agency.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = case_daily_agency.received_digitized + EXCLUDED.received_digitized,
    resolved = case_daily_agency.resolved + EXCLUDED.resolved,
    resolved_early = case_daily_agency.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = case_daily_agency.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = case_daily_agency.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = case_daily_agency.supplement_requested + EXCLUDED.supplement_requested,
    returned = case_daily_agency.returned + EXCLUDED.returned,
    withdrawn = case_daily_agency.withdrawn + EXCLUDED.withdrawn,
    rated = case_daily_agency.rated + EXCLUDED.rated,
    rating_sum = case_daily_agency.rating_sum + EXCLUDED.rating_sum,
    rating_1 = case_daily_agency.rating_1 + EXCLUDED.rating_1,
    rating_2 = case_daily_agency.rating_2 + EXCLUDED.rating_2,
    rating_3 = case_daily_agency.rating_3 + EXCLUDED.rating_3,
    rating_4 = case_daily_agency.rating_4 + EXCLUDED.rating_4,
    rating_5 = case_daily_agency.rating_5 + EXCLUDED.rating_5;
  RETURN NULL;
END $$;

CREATE FUNCTION case_milestones_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_daily_procedure (bucket, agency_id, level, channel, field, procedure_code, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket, agency_id, level, channel, field, procedure_code,
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
    received = case_daily_procedure.received + EXCLUDED.received,
    received_online_payment = case_daily_procedure.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = case_daily_procedure.received_digitized + EXCLUDED.received_digitized,
    resolved = case_daily_procedure.resolved + EXCLUDED.resolved,
    resolved_early = case_daily_procedure.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = case_daily_procedure.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = case_daily_procedure.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = case_daily_procedure.supplement_requested + EXCLUDED.supplement_requested,
    returned = case_daily_procedure.returned + EXCLUDED.returned,
    withdrawn = case_daily_procedure.withdrawn + EXCLUDED.withdrawn,
    rated = case_daily_procedure.rated + EXCLUDED.rated,
    rating_sum = case_daily_procedure.rating_sum + EXCLUDED.rating_sum,
    rating_1 = case_daily_procedure.rating_1 + EXCLUDED.rating_1,
    rating_2 = case_daily_procedure.rating_2 + EXCLUDED.rating_2,
    rating_3 = case_daily_procedure.rating_3 + EXCLUDED.rating_3,
    rating_4 = case_daily_procedure.rating_4 + EXCLUDED.rating_4,
    rating_5 = case_daily_procedure.rating_5 + EXCLUDED.rating_5;
  INSERT INTO case_daily_agency (bucket, agency_id, level, channel, received, received_online_payment, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late, supplement_requested, returned, withdrawn, rated, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket, agency_id, level, channel,
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
    received = case_daily_agency.received + EXCLUDED.received,
    received_online_payment = case_daily_agency.received_online_payment + EXCLUDED.received_online_payment,
    received_digitized = case_daily_agency.received_digitized + EXCLUDED.received_digitized,
    resolved = case_daily_agency.resolved + EXCLUDED.resolved,
    resolved_early = case_daily_agency.resolved_early + EXCLUDED.resolved_early,
    resolved_on_time = case_daily_agency.resolved_on_time + EXCLUDED.resolved_on_time,
    resolved_late = case_daily_agency.resolved_late + EXCLUDED.resolved_late,
    supplement_requested = case_daily_agency.supplement_requested + EXCLUDED.supplement_requested,
    returned = case_daily_agency.returned + EXCLUDED.returned,
    withdrawn = case_daily_agency.withdrawn + EXCLUDED.withdrawn,
    rated = case_daily_agency.rated + EXCLUDED.rated,
    rating_sum = case_daily_agency.rating_sum + EXCLUDED.rating_sum,
    rating_1 = case_daily_agency.rating_1 + EXCLUDED.rating_1,
    rating_2 = case_daily_agency.rating_2 + EXCLUDED.rating_2,
    rating_3 = case_daily_agency.rating_3 + EXCLUDED.rating_3,
    rating_4 = case_daily_agency.rating_4 + EXCLUDED.rating_4,
    rating_5 = case_daily_agency.rating_5 + EXCLUDED.rating_5;
  RETURN NULL;
END $$;

CREATE TRIGGER case_milestones_rollup_insert AFTER INSERT ON case_milestones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_milestones_rollup_insert();
CREATE TRIGGER case_milestones_rollup_delete AFTER DELETE ON case_milestones REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION case_milestones_rollup_delete();

CREATE FUNCTION document_milestones_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_daily (bucket, agency_id, direction, urgency, registered, registered_e_exchange, processed, processed_on_time, processed_late, processed_no_deadline, processed_signed, processed_e_exchange, processing_seconds_sum)
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket, agency_id, direction, urgency,
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
    registered = document_daily.registered + EXCLUDED.registered,
    registered_e_exchange = document_daily.registered_e_exchange + EXCLUDED.registered_e_exchange,
    processed = document_daily.processed + EXCLUDED.processed,
    processed_on_time = document_daily.processed_on_time + EXCLUDED.processed_on_time,
    processed_late = document_daily.processed_late + EXCLUDED.processed_late,
    processed_no_deadline = document_daily.processed_no_deadline + EXCLUDED.processed_no_deadline,
    processed_signed = document_daily.processed_signed + EXCLUDED.processed_signed,
    processed_e_exchange = document_daily.processed_e_exchange + EXCLUDED.processed_e_exchange,
    processing_seconds_sum = document_daily.processing_seconds_sum + EXCLUDED.processing_seconds_sum;
  RETURN NULL;
END $$;

CREATE FUNCTION document_milestones_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO document_daily (bucket, agency_id, direction, urgency, registered, registered_e_exchange, processed, processed_on_time, processed_late, processed_no_deadline, processed_signed, processed_e_exchange, processing_seconds_sum)
  SELECT (date_trunc('day', time AT TIME ZONE 'Asia/Ho_Chi_Minh') AT TIME ZONE 'Asia/Ho_Chi_Minh') AS bucket, agency_id, direction, urgency,
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
    registered = document_daily.registered + EXCLUDED.registered,
    registered_e_exchange = document_daily.registered_e_exchange + EXCLUDED.registered_e_exchange,
    processed = document_daily.processed + EXCLUDED.processed,
    processed_on_time = document_daily.processed_on_time + EXCLUDED.processed_on_time,
    processed_late = document_daily.processed_late + EXCLUDED.processed_late,
    processed_no_deadline = document_daily.processed_no_deadline + EXCLUDED.processed_no_deadline,
    processed_signed = document_daily.processed_signed + EXCLUDED.processed_signed,
    processed_e_exchange = document_daily.processed_e_exchange + EXCLUDED.processed_e_exchange,
    processing_seconds_sum = document_daily.processing_seconds_sum + EXCLUDED.processing_seconds_sum;
  RETURN NULL;
END $$;

CREATE TRIGGER document_milestones_rollup_insert AFTER INSERT ON document_milestones REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION document_milestones_rollup_insert();
CREATE TRIGGER document_milestones_rollup_delete AFTER DELETE ON document_milestones REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION document_milestones_rollup_delete();
