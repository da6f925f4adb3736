-- An admin's edit of an indicator: the whole override (a NULL field follows the meta).
INSERT INTO indicator_overrides (source, key, label_vi, label_en, unit, target, warn, edited_by, edited_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
ON CONFLICT (source, key) DO UPDATE SET label_vi = EXCLUDED.label_vi, label_en = EXCLUDED.label_en, unit = EXCLUDED.unit,
  target = EXCLUDED.target, warn = EXCLUDED.warn, edited_by = EXCLUDED.edited_by, edited_at = now();
