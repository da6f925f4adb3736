INSERT INTO bench_procedures (kind, code, name, field, days, weight, fee)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::float8[], $7::bool[]);
