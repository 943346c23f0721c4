-- monitoring module: 15-minute interval rollups, kept current in the transaction of each change.

-- contact-center: the queue a call first waited in (its origin, for overflow accounting).
ALTER TABLE cc_calls ADD COLUMN origin_queue_id bigint;

-- Per region, queue and 15-minute interval (UTC start), counted by the interval of the offer:
-- offered and overflowed out at the origin, the rest where the call was served.
CREATE TABLE mon_rollups (
  region_code text NOT NULL,
  queue_id bigint NOT NULL,
  interval_start timestamptz NOT NULL,
  offered integer NOT NULL DEFAULT 0,
  answered integer NOT NULL DEFAULT 0,
  abandoned integer NOT NULL DEFAULT 0,
  overflow_out integer NOT NULL DEFAULT 0,
  overflow_in integer NOT NULL DEFAULT 0,
  callbacks integer NOT NULL DEFAULT 0,
  wait_seconds double precision NOT NULL DEFAULT 0,
  max_wait_seconds double precision NOT NULL DEFAULT 0,
  talk_seconds double precision NOT NULL DEFAULT 0,
  wrap_seconds double precision NOT NULL DEFAULT 0,
  -- answered within 10, 15, 20, 30, 45, 60, 90, 120, 180, 300 s
  answered_within integer[] NOT NULL,
  -- abandoned within 3, 5, 10, 15, 20, 30 s (short abandons)
  abandoned_within integer[] NOT NULL,
  PRIMARY KEY (region_code, queue_id, interval_start)
);
CREATE INDEX mon_rollups_interval_idx ON mon_rollups (interval_start);

CREATE TABLE mon_topic_rollups (
  region_code text NOT NULL,
  interval_start timestamptz NOT NULL,
  topic text NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, interval_start, topic)
);
CREATE INDEX mon_topic_rollups_interval_idx ON mon_topic_rollups (interval_start);

-- Seconds operators spent in each state, per region and interval (occupancy, staffed time).
CREATE TABLE mon_agent_time (
  region_code text NOT NULL,
  interval_start timestamptz NOT NULL,
  state text NOT NULL,
  seconds double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, interval_start, state)
);

-- Alerts: a region's service level over the last 30 minutes below its target, from start to end.
CREATE TABLE mon_alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code text NOT NULL,
  kind text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  target double precision NOT NULL,
  value_at_start double precision NOT NULL,
  worst_value double precision NOT NULL,
  last_value double precision,
  calls_at_start integer NOT NULL
);
-- At most one open alert of a kind per region.
CREATE UNIQUE INDEX mon_alerts_open_idx ON mon_alerts (region_code, kind) WHERE ended_at IS NULL;
CREATE INDEX mon_alerts_started_idx ON mon_alerts (started_at);

-- Subscribers told of alerts by an HTTP POST (a webhook), and each delivery, retried until it lands.
CREATE TABLE mon_webhooks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url text NOT NULL,
  secret text NOT NULL,
  region_code text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE mon_webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id bigint NOT NULL REFERENCES mon_webhooks (id),
  body jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mon_webhook_deliveries_due_idx ON mon_webhook_deliveries (next_at) WHERE delivered_at IS NULL;

-- The same counters per region and local day (the region's own calendar): reports over months and
-- years read these, 85 rows a day. Kept in the same transactions as mon_rollups.
CREATE TABLE mon_daily (
  region_code text NOT NULL,
  local_date date NOT NULL,
  offered integer NOT NULL DEFAULT 0,
  answered integer NOT NULL DEFAULT 0,
  abandoned integer NOT NULL DEFAULT 0,
  overflow_out integer NOT NULL DEFAULT 0,
  overflow_in integer NOT NULL DEFAULT 0,
  callbacks integer NOT NULL DEFAULT 0,
  wait_seconds double precision NOT NULL DEFAULT 0,
  max_wait_seconds double precision NOT NULL DEFAULT 0,
  talk_seconds double precision NOT NULL DEFAULT 0,
  wrap_seconds double precision NOT NULL DEFAULT 0,
  answered_within integer[] NOT NULL,
  abandoned_within integer[] NOT NULL,
  PRIMARY KEY (region_code, local_date)
);
CREATE INDEX mon_daily_date_idx ON mon_daily (local_date);

CREATE TABLE mon_topic_daily (
  region_code text NOT NULL,
  local_date date NOT NULL,
  topic text NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, local_date, topic)
);
CREATE INDEX mon_topic_daily_date_idx ON mon_topic_daily (local_date);
