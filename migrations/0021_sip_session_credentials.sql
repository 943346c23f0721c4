-- contact-center: SIP credentials for the workstation's browser phone (ADR 0015). One per web
-- session, random, valid while the session is and at most a shift; kept only as digest HA1s.

-- The digest username is `${operator}~${16 random [a-z0-9]}` ('~' never occurs in an otvet username,
-- so it never clashes with a password's row); the phone registers the operator's own address.
-- A revoked credential (DELETE, a new one for the session, sign-out, the session ended, the account
-- disabled) loses its HA1s and keeps its row, so an edge refreshing with ?since= hears of it.
CREATE TABLE cc_sip_session_credentials (
  username text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}~[a-z0-9]{16}$'),
  user_id bigint NOT NULL,
  -- the account's username and region (neither ever changes): the address-of-record and the edge's scope
  operator text NOT NULL,
  region_code text NOT NULL CHECK (region_code = 'federal' OR region_code ~ '^[0-9]{2}$'),
  realm text NOT NULL,
  ha1_md5 text CHECK (ha1_md5 ~ '^[0-9a-f]{32}$'),
  ha1_sha256 text CHECK (ha1_sha256 ~ '^[0-9a-f]{64}$'),
  -- the web session (sessions.id, the cookie's SHA-256). No foreign key: a session's end must not
  -- take the row with it before refreshing edges have heard of it.
  session_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The writing transaction, as in cc_sip_credentials: readers resume from the commit horizon.
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CHECK ((ha1_md5 IS NULL) = (ha1_sha256 IS NULL))
);
CREATE INDEX cc_sip_session_credentials_txid_idx ON cc_sip_session_credentials (txid);
-- the credentials still usable: a full load, the check for ended sessions
CREATE INDEX cc_sip_session_credentials_live_idx ON cc_sip_session_credentials (region_code) WHERE ha1_md5 IS NOT NULL;
CREATE INDEX cc_sip_session_credentials_session_idx ON cc_sip_session_credentials (session_id);
CREATE INDEX cc_sip_session_credentials_user_idx ON cc_sip_session_credentials (user_id);
-- rows long past their end are deleted
CREATE INDEX cc_sip_session_credentials_expires_idx ON cc_sip_session_credentials (expires_at);
