-- monitoring module: the daily rollups summed again per region and local month, so that reports
-- over months and years read 85 rows a month (and topics 85 × topics a month) instead of a row per day.
CREATE TABLE mon_monthly (
  region_code text NOT NULL,
  -- the first day of the region's local month
  month date NOT NULL CHECK (extract(day FROM month) = 1),
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
  PRIMARY KEY (region_code, month)
);
CREATE INDEX mon_monthly_month_idx ON mon_monthly (month);

CREATE TABLE mon_topic_monthly (
  region_code text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  topic text NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  PRIMARY KEY (region_code, month, topic)
);
CREATE INDEX mon_topic_monthly_month_idx ON mon_topic_monthly (month);

-- What was counted before this migration.
INSERT INTO mon_monthly (region_code, month, offered, answered, abandoned, overflow_out, overflow_in, callbacks,
                         wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within)
SELECT region_code, date_trunc('month', local_date)::date, sum(offered), sum(answered), sum(abandoned), sum(overflow_out), sum(overflow_in), sum(callbacks),
       sum(wait_seconds), max(max_wait_seconds), sum(talk_seconds), sum(wrap_seconds),
       ARRAY[sum(answered_within[1]), sum(answered_within[2]), sum(answered_within[3]), sum(answered_within[4]), sum(answered_within[5]),
             sum(answered_within[6]), sum(answered_within[7]), sum(answered_within[8]), sum(answered_within[9]), sum(answered_within[10])]::int[],
       ARRAY[sum(abandoned_within[1]), sum(abandoned_within[2]), sum(abandoned_within[3]), sum(abandoned_within[4]), sum(abandoned_within[5]), sum(abandoned_within[6])]::int[]
  FROM mon_daily GROUP BY 1, 2;

INSERT INTO mon_topic_monthly (region_code, month, topic, calls)
SELECT region_code, date_trunc('month', local_date)::date, topic, sum(calls) FROM mon_topic_daily GROUP BY 1, 2, 3;
