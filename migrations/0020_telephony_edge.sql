-- contact-center: what a SIP edge needs of otvet besides the calls themselves: operators' SIP
-- passwords for its registrar, and each region's IVR menu.

-- An operator's SIP password, kept only as the digest HA1s a registrar checks phones with
-- (H(username:realm:password): SHA-256 per RFC 8760, MD5 for older phones); never the password.
-- A removed password leaves its row without HA1s, so an edge refreshing with ?since= hears of it.
CREATE TABLE cc_sip_credentials (
  user_id bigint PRIMARY KEY,
  -- the account's username and region (neither ever changes): the registrar's user and the edge's scope
  username text NOT NULL,
  region_code text NOT NULL CHECK (region_code = 'federal' OR region_code ~ '^[0-9]{2}$'),
  -- the realm the HA1s were made for (SIP_REALM then)
  realm text NOT NULL,
  ha1_md5 text CHECK (ha1_md5 ~ '^[0-9a-f]{32}$'),
  ha1_sha256 text CHECK (ha1_sha256 ~ '^[0-9a-f]{64}$'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- The writing transaction: a reader resumes from the commit horizon (as the outbox does), so a
  -- change committed late by a slow transaction is not skipped.
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  CHECK ((ha1_md5 IS NULL) = (ha1_sha256 IS NULL))
);
CREATE INDEX cc_sip_credentials_txid_idx ON cc_sip_credentials (txid);

-- A region's IVR menu: a digit per knowledge-base section. Without a row the region has the default.
CREATE TABLE cc_ivr_menus (
  region_code text PRIMARY KEY CHECK (region_code ~ '^[0-9]{2}$'),
  greeting text CHECK (length(greeting) BETWEEN 1 AND 1000),
  -- no digit pressed in this time: the caller goes to the general queue
  timeout_seconds integer NOT NULL CHECK (timeout_seconds BETWEEN 3 AND 60),
  -- [{"digit": "1", "section": "Коронавирус"}, …]
  items jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
