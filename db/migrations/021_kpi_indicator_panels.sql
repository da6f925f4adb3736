-- Indicator panels placed on the leaders' page (/kpi) from the indicator catalogue: one list,
-- kept whole and validated against contracts/wall.ts (kpiPanelsSchema) on every read, as the wall
-- layouts saved from the console are (021_indicator_catalogue).
CREATE TABLE kpi_indicator_panels (
  id         text PRIMARY KEY,            -- 'kpi': the page
  panels     jsonb NOT NULL,
  edited_by  text NOT NULL,
  edited_at  timestamptz NOT NULL DEFAULT now()
);
