INSERT INTO document_milestones (time, doc_id, milestone, agency_id, direction, urgency, timeliness,
                                 processing_seconds, signed, e_exchange)
SELECT to_timestamp(ms / 1000), doc_id, milestone, agency_id, direction, urgency, timeliness,
       processing_seconds, signed, e_exchange
  FROM unnest($1::float8[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[],
              $9::bool[], $10::bool[])
    AS u(ms, doc_id, milestone, agency_id, direction, urgency, timeliness, processing_seconds, signed, e_exchange);
