-- Each catalogue's procedures laid over slots 0–999 in proportion to their weights.
INSERT INTO bench_procedure_slots (kind, slot, code)
SELECT p.kind, s.slot, p.code
  FROM (SELECT kind, code,
               round(1000 * coalesce(sum(weight) OVER w - weight, 0) / sum(weight) OVER k)::int AS lo,
               round(1000 * sum(weight) OVER w / sum(weight) OVER k)::int AS hi
          FROM bench_procedures
        WINDOW w AS (PARTITION BY kind ORDER BY code ROWS UNBOUNDED PRECEDING), k AS (PARTITION BY kind)) p
  JOIN generate_series(0, 999) s(slot) ON s.slot >= p.lo AND s.slot < p.hi;
