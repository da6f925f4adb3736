-- Filters on the daily KPI rollups (an agency, a field, a procedure) over a range of days. Their
-- primary keys lead with the bucket, so "one agency, this year" read every agency's rows of the
-- year (measured by `npm run bench:kpi`). These are the indexes TimescaleDB gives the continuous
-- aggregates of the .tsdb.sql twin by itself (one per grouping column, with the bucket).
CREATE INDEX case_daily_procedure_agency_idx ON case_daily_procedure (agency_id, bucket);
CREATE INDEX case_daily_procedure_field_idx ON case_daily_procedure (field, bucket);
CREATE INDEX case_daily_procedure_procedure_idx ON case_daily_procedure (procedure_code, bucket);
CREATE INDEX case_daily_agency_agency_idx ON case_daily_agency (agency_id, bucket);
CREATE INDEX document_daily_agency_idx ON document_daily (agency_id, bucket);
