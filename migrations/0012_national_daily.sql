-- monitoring module: the daily rollups summed over every region per local date (each region's own
-- day), so that national reports by day read a row a day instead of one per region and day.
CREATE TABLE mon_national_daily (
  local_date date PRIMARY KEY,
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
  abandoned_within integer[] NOT NULL
);

-- What was counted before this migration.
INSERT INTO mon_national_daily (local_date, offered, answered, abandoned, overflow_out, overflow_in, callbacks,
                                wait_seconds, max_wait_seconds, talk_seconds, wrap_seconds, answered_within, abandoned_within)
SELECT local_date, sum(offered), sum(answered), sum(abandoned), sum(overflow_out), sum(overflow_in), sum(callbacks),
       sum(wait_seconds), max(max_wait_seconds), sum(talk_seconds), sum(wrap_seconds),
       ARRAY[sum(answered_within[1]), sum(answered_within[2]), sum(answered_within[3]), sum(answered_within[4]), sum(answered_within[5]),
             sum(answered_within[6]), sum(answered_within[7]), sum(answered_within[8]), sum(answered_within[9]), sum(answered_within[10])]::int[],
       ARRAY[sum(abandoned_within[1]), sum(abandoned_within[2]), sum(abandoned_within[3]), sum(abandoned_within[4]), sum(abandoned_within[5]), sum(abandoned_within[6])]::int[]
  FROM mon_daily GROUP BY 1;
