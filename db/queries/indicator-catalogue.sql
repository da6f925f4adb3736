-- The indicator catalogue at $1 (now): every indicator with a meta or a value in the last 7 days,
-- the fields in force (an override wins over the meta), each series' last value from the hourly
-- rollup, and the dims' names.
WITH latest AS (
  SELECT DISTINCT ON (source, key, dims_key) source, key, dims_key, latest, latest_time
    FROM indicator_1h
   WHERE bucket >= $1::timestamptz - INTERVAL '7 days'
   ORDER BY source, key, dims_key, bucket DESC
), per AS (
  SELECT source, key, max(latest_time) AS last_time, count(*)::int AS series,
         max(latest) FILTER (WHERE dims_key = '') AS plain_value, sum(latest) AS sum_latest, avg(latest) AS avg_latest
    FROM latest GROUP BY 1, 2
), dim_names AS (
  SELECT source, key, array_agg(DISTINCT d ORDER BY d) AS dims
    FROM latest, jsonb_object_keys(CASE WHEN dims_key = '' THEN '{}'::jsonb ELSE dims_key::jsonb END) AS d
   GROUP BY 1, 2
), known AS (
  SELECT source, key FROM indicator_meta UNION SELECT source, key FROM per
)
SELECT k.source, k.key,
       coalesce(o.label_vi, m.label_vi) AS label_vi, coalesce(o.label_en, m.label_en) AS label_en,
       coalesce(o.unit, m.unit) AS unit, m.direction, m.kind,
       coalesce(o.target, m.target) AS target, coalesce(o.warn, m.warn) AS warn,
       o.label_vi AS edit_label_vi, o.label_en AS edit_label_en, o.unit AS edit_unit, o.target AS edit_target, o.warn AS edit_warn,
       o.edited_by, o.edited_at,
       p.last_time, coalesce(p.series, 0) AS series, p.plain_value, p.sum_latest, p.avg_latest, coalesce(dn.dims, '{}') AS dims
  FROM known k
  LEFT JOIN indicator_meta m USING (source, key)
  LEFT JOIN indicator_overrides o USING (source, key)
  LEFT JOIN per p USING (source, key)
  LEFT JOIN dim_names dn USING (source, key)
 ORDER BY k.source, k.key;
