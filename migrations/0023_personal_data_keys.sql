-- platform/crypto: the data keys that encrypt personal data at rest (ADR 0016). Each is 32 random
-- bytes kept only wrapped (AES-256-GCM) under a master key from the configuration, which is never
-- stored: master_key_id names it (the first 8 bytes of its SHA-256, hex).
CREATE TABLE pd_data_keys (
  id serial PRIMARY KEY,
  wrapped bytea NOT NULL,
  master_key_id text NOT NULL CHECK (master_key_id ~ '^[0-9a-f]{16}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- set when `otvet keys rotate` retires the key: it then only decrypts what it encrypted
  retired_at timestamptz
);
-- The newest key not retired encrypts new data; there is at most one, so app nodes that create the
-- first key at once agree on it (INSERT … ON CONFLICT DO NOTHING, then read it).
CREATE UNIQUE INDEX pd_data_keys_current_idx ON pd_data_keys ((true)) WHERE retired_at IS NULL;
