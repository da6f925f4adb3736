-- Dead-letter rows a connector or an import already wrote for these topics and payloads, so a page
-- or file read again does not dead-letter the same record twice. The topic predicate matches the
-- partial index ingest_rejects_source_topic_idx (migration 006), which MQTT rejects stay out of.
SELECT topic, reason, payload
  FROM ingest_rejects
 WHERE topic NOT LIKE 'city/%' AND topic = ANY($1::text[]) AND payload = ANY($2::text[]);
