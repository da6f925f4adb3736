INSERT INTO bench_agencies (agency_id, level, proc_kind, case_weight, doc_in_weight, doc_out_weight)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[]);
