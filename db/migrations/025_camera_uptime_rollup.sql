-- Camera uptime over long periods (issue: /traffic/cameras "30 days" took seconds): online seconds
-- per camera per hour, stored for closed hours, with exactly the semantics of
-- db/queries/camera-uptime.sql — a status holds until the next one, for at most the silence limit,
-- the state carried across hour boundaries and the silence cap crossing them. Uptime over a period
-- is the integral of "online at instant t", so it splits exactly into whole hours plus the two
-- partial edges; db/queries/camera-uptime-fast.sql sums the stored hours and computes only the
-- edges (and the hours after the watermark) from the raw rows.
--
-- The same on both backends: a continuous aggregate cannot carry a state from one bucket into the
-- next (no window functions), so TimescaleDB gets this table too, kept by the product's rollup job
-- (db/camera-uptime.ts, runtime/telemetry-rollup-job.ts) as plain PostgreSQL keeps 017/020.

CREATE TABLE camera_uptime_1h (
  camera_id      text NOT NULL,
  bucket         timestamptz NOT NULL,
  -- numeric, as extract(epoch …) gives: the sum of the hours equals the raw query's sum exactly.
  -- Hours with nothing online have no row.
  online_seconds numeric NOT NULL,
  PRIMARY KEY (camera_id, bucket)
);

-- One row. Every hour before `upto` is stored, computed with the silence limit `silence_s`: a store
-- computed with another limit (CAMERA_OFFLINE_AFTER_S changed) is not read, and the job rebuilds it.
CREATE TABLE camera_uptime_rollup (
  one       boolean PRIMARY KEY DEFAULT true CHECK (one),
  upto      timestamptz NOT NULL,
  silence_s double precision NOT NULL
);
INSERT INTO camera_uptime_rollup VALUES (true, '-infinity', 0);

-- Stored hours made stale by a status row written (or removed) after its hour was stored — a camera
-- that buffered its messages through an outage and sends them on reconnect. A row at t changes
-- "online at instant s" only for s in [t, t + silence limit), so that range is recorded per camera
-- (widened to cover every late row until the job recomputes it). Until then the uptime query reads
-- such a camera from its raw rows, so answers are exact at every moment, not only after a refresh.
CREATE TABLE camera_uptime_stale (
  camera_id text PRIMARY KEY,
  lo        timestamptz NOT NULL,
  hi        timestamptz NOT NULL
);

-- FOR SHARE on the watermark row orders every status write against the job, which holds the row
-- FOR UPDATE from before it reads camera_status until it commits: a write that came first is
-- committed before the job reads (and so is in what it stores); one that comes later waits and then
-- sees the new watermark, so a row behind it is recorded as stale. No row can fall between the two.
CREATE FUNCTION camera_uptime_mark_stale(camera text, t timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  w camera_uptime_rollup;
BEGIN
  SELECT * INTO w FROM camera_uptime_rollup FOR SHARE;
  IF t < w.upto THEN
    INSERT INTO camera_uptime_stale AS s VALUES (camera, t, t + make_interval(secs => w.silence_s))
      ON CONFLICT (camera_id) DO UPDATE SET lo = least(s.lo, EXCLUDED.lo), hi = greatest(s.hi, EXCLUDED.hi);
  END IF;
END $$;

-- Row-level: TimescaleDB hypertables take no transition tables. Camera status is a few rows a
-- second (one per camera per 30 s); a lock the transaction already holds is cheap to take again.
CREATE FUNCTION camera_status_uptime_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM camera_uptime_mark_stale(OLD.camera_id, OLD.time); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM camera_uptime_mark_stale(NEW.camera_id, NEW.time); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER camera_status_uptime_stale AFTER INSERT OR UPDATE OR DELETE ON camera_status
  FOR EACH ROW EXECUTE FUNCTION camera_status_uptime_stale();
