-- The camera registry: operators' edits of a camera's registration, and the cameras as they apply.
--
-- A camera's `meta` is retained on the broker, so it is delivered again on every (re)subscription
-- of an ingest worker and whenever the camera reconnects; the ingest rewrites `devices` from it each
-- time. An operator's correction (a better name, the real road, a moved pole, a new stream URL)
-- must survive that, so it lives beside `devices`, never in it: each field set here wins over the
-- camera's own, each field left NULL follows the camera's meta. Removing the row returns the camera
-- wholly to its meta.
CREATE TABLE camera_registry (
  camera_id   text PRIMARY KEY,
  name        text,
  road        text,
  ward_code   text,
  lon         double precision,
  lat         double precision,
  stream_url  text,
  edited_by   text NOT NULL,
  edited_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((lon IS NULL) = (lat IS NULL))
);

-- Every camera with the fields in force (read model: add columns at the end, never rename).
-- A location set by the operator brings its ward with it (derived by the console from the ward
-- boundaries when the operator names none), so a location and its ward come from one source.
CREATE VIEW v_cameras AS
  SELECT d.device_id AS camera_id,
         coalesce(r.name, d.name)                                           AS name,
         coalesce(r.road, d.road)                                           AS road,
         coalesce(r.ward_code, d.ward_code)                                 AS ward_code,
         coalesce(r.lon, d.lon)                                             AS lon,
         coalesce(r.lat, d.lat)                                             AS lat,
         coalesce(r.stream_url, d.stream_url)                               AS stream_url,
         (d.placed OR r.lon IS NOT NULL)                                    AS placed,
         r.edited_by, r.edited_at, d.last_seen
    FROM devices d
    LEFT JOIN camera_registry r ON r.camera_id = d.device_id
   WHERE d.device_type = 'camera';
