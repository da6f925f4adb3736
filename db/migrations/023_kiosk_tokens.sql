-- Kiosk tokens for video walls (issue 8).
--
-- A wall signs in with a token, not a person's password. Each token is its own principal: a row of
-- users with the role 'kiosk' (no usable password: its hash is not a PHC string, and sign-in by
-- name refuses the role), so its sessions are ordinary user_sessions rows and revoking it reuses
-- what disabling an account does (sessions deleted, live connections dropped). The token itself
-- is never stored: only its SHA-256, shown once at creation.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'leader', 'operator', 'traffic', 'viewer', 'kiosk'));

CREATE TABLE kiosk_tokens (
  -- The kiosk's principal in users (its sessions, its name in the audit log).
  kiosk_id        bigint PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),   -- e.g. "Tường chính tầng 2"
  -- What the wall shows: scene ids of the wall layout in the order they rotate (empty: every
  -- scene), and seconds per scene (null: the layout's). Scenes removed from the layout later are
  -- skipped when the wall is drawn.
  scenes          text[] NOT NULL DEFAULT '{}',
  rotate_seconds  integer CHECK (rotate_seconds BETWEEN 5 AND 3600),
  token_hash      text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),  -- SHA-256 of the token, hex
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz,                                           -- null: until revoked
  last_used_at    timestamptz,
  last_used_ip    text,
  revoked_at      timestamptz,
  revoked_by      text,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
