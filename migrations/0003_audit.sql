-- platform/audit: who did what, when and from where. Rows are only ever inserted.

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- The actor is copied, not referenced: the record outlives renamed or deleted accounts.
  actor_user_id bigint,
  actor_username text,
  actor_role text,
  actor_region text,
  via text NOT NULL CHECK (via IN ('session', 'token', 'cli', 'system', 'anonymous')),
  action text NOT NULL,
  target_type text,
  target_id text,
  -- The region whose data was touched (NULL = federal or none): regional admins see their own.
  region_code text,
  ip text,
  user_agent text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_region_at_idx ON audit_log (region_code, at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at);
