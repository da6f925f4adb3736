-- Accounts, sessions and the audit log (issue 8).
--
-- A session is a row, not just a cookie: signing out, changing a password, locking or disabling an
-- account delete rows, and the next request of every browser holding them is refused. The cookie
-- only carries the session id, sealed (auth/session-cookie.ts).

CREATE TABLE users (
  user_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username          text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,31}$'),
  display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
  role              text NOT NULL CHECK (role IN ('admin', 'leader', 'operator', 'traffic', 'viewer')),
  -- Optional scope of a leader: the agencies and wards whose figures they review (empty: all).
  scope_agencies    text[] NOT NULL DEFAULT '{}',
  scope_wards       text[] NOT NULL DEFAULT '{}',
  password_hash     text NOT NULL,                 -- argon2id, PHC string (auth/passwords.ts)
  failed_attempts   integer NOT NULL DEFAULT 0,    -- consecutive failed sign-ins
  locked_until      timestamptz,                   -- set after too many failures
  disabled          boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_sessions (
  session_id   text PRIMARY KEY,                   -- 256 random bits, base64url
  user_id      bigint NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text
);
CREATE INDEX user_sessions_user_idx ON user_sessions (user_id);

-- Who did what, when, from where. Append-only at the database level: nobody, not even the
-- console's own role, may rewrite or erase the trail (as camera_event_acks and alarm transitions).
CREATE TABLE audit_log (
  audit_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text,                                 -- username, or null for the system / unknown
  action     text NOT NULL,                        -- e.g. auth.sign_in, auth.sign_in_failed, user.create
  target     text,                                 -- what it was done to (a username, an alarm id)
  ip         text,
  detail     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
