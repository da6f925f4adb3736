-- The indicator catalogue's admin edits, and wall layouts edited in the console.
--
-- An indicator's meta is retained on the broker and written again whenever it is delivered; an
-- admin's better label, unit, target or warning level must survive that, so it lives beside
-- `indicator_meta`, never in it (as camera_registry does for cameras, migration 014): each field set
-- here wins, each field left NULL follows the meta. Removing the row returns the indicator wholly to
-- its meta.
CREATE TABLE indicator_overrides (
  source     text NOT NULL,
  key        text NOT NULL,
  label_vi   text,
  label_en   text,
  unit       text,
  target     double precision,
  warn       double precision,
  edited_by  text NOT NULL,
  edited_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, key)
);

-- Every indicator with a meta, with the fields in force (read model: add columns at the end).
CREATE VIEW v_indicator_meta AS
  SELECT m.source, m.key,
         coalesce(o.label_vi, m.label_vi) AS label_vi,
         coalesce(o.label_en, m.label_en) AS label_en,
         coalesce(o.unit, m.unit)         AS unit,
         m.direction,
         coalesce(o.target, m.target)     AS target,
         coalesce(o.warn, m.warn)         AS warn,
         m.kind, o.edited_by, o.edited_at
    FROM indicator_meta m
    LEFT JOIN indicator_overrides o USING (source, key);

-- A wall layout saved from the console (placing an indicator on a scene). It wins over the
-- WALL_LAYOUT file while it exists; the file stays the layout a fresh installation starts from.
-- Kept whole, as the file is, and validated against contracts/wall.ts on every read.
CREATE TABLE wall_layouts (
  id         text PRIMARY KEY,
  layout     jsonb NOT NULL,
  edited_by  text NOT NULL,
  edited_at  timestamptz NOT NULL DEFAULT now()
);
