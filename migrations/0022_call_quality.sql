-- contact-center: the quality of a call's line as the operator's browser phone measured it (WebRTC
-- statistics), sent with the wrap-up. A table of its own, one row per call: the figures stay out of
-- the call's events and its cc_calls row, which every batch of the call reads and writes.
CREATE TABLE cc_call_quality (
  call_id text PRIMARY KEY,
  -- the operator who wrapped the call up, and the region they work in ('federal': the reserve centre)
  operator_id bigint NOT NULL,
  region_code text NOT NULL CHECK (region_code = 'federal' OR region_code ~ '^[0-9]{2}$'),
  recorded_at timestamptz NOT NULL,
  -- recorded_at's date in the operator's region (the reserve centre: Moscow's): what "today" means
  local_date date NOT NULL,
  -- the E-model estimate the browser computed
  mos double precision NOT NULL CHECK (mos BETWEEN 1 AND 5),
  packets_received bigint NOT NULL CHECK (packets_received BETWEEN 0 AND 2147483648),
  packets_lost bigint NOT NULL CHECK (packets_lost BETWEEN 0 AND 2147483648),
  jitter_ms double precision NOT NULL CHECK (jitter_ms BETWEEN 0 AND 10000),
  -- null: the browser did not measure the round trip
  rtt_ms double precision CHECK (rtt_ms BETWEEN 0 AND 60000),
  bytes_received bigint NOT NULL CHECK (bytes_received BETWEEN 0 AND 2147483648),
  bytes_sent bigint NOT NULL CHECK (bytes_sent BETWEEN 0 AND 2147483648),
  duration_seconds double precision NOT NULL CHECK (duration_seconds BETWEEN 0 AND 86400)
);
-- supervisors read a day of a region (or of all regions)
CREATE INDEX cc_call_quality_day_idx ON cc_call_quality (local_date, region_code);
