-- navigator: how the wizard is used, as counts only (src/navigator/usage.ts). Per Moscow day,
-- channel (portal, workstation, api), region ('' when not known) and event: a question shown,
-- answered, a wizard finished, a measure found eligible. No answers, no addresses, nothing about
-- a person: a row says "on this day, this many times".
CREATE TABLE nv_usage (
  day date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('portal', 'workstation', 'api')),
  region text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('shown', 'answered', 'finished', 'eligible')),
  -- a question's var (shown, answered), a measure's id (eligible), '' (finished)
  key text NOT NULL,
  count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, channel, region, kind, key)
);

-- contact-center: the calls whose wrap-up recorded measures, by the time they were offered, for
-- its measuresOnCalls (the navigator's reports); few calls have any, so the index stays small.
CREATE INDEX cc_calls_measures_offered_idx ON cc_calls (offered_at) WHERE cardinality(measures) > 0;
