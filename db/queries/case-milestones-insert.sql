INSERT INTO case_milestones (time, case_id, milestone, agency_id, level, channel, field, procedure_code,
                             timeliness, online_payment, digitized, rating)
SELECT to_timestamp(ms / 1000), case_id, milestone, agency_id, level, channel, field, procedure_code,
       timeliness, online_payment, digitized, rating
  FROM unnest($1::float8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
              $9::text[], $10::bool[], $11::bool[], $12::int2[])
    AS u(ms, case_id, milestone, agency_id, level, channel, field, procedure_code, timeliness, online_payment, digitized, rating);
