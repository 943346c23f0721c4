-- contact-center module: queues, operators' states, calls and their raw events, the decisions
-- the ACD gives the telephony edge.

-- API tokens may be limited to a few permissions (e.g. a PBX adapter to telephony only).
ALTER TABLE api_tokens ADD COLUMN scopes text[];

CREATE TABLE cc_queues (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- a region code, or 'federal' for the reserve centre that takes overflow from every region
  region_code text NOT NULL CHECK (region_code = 'federal' OR region_code ~ '^[0-9]{2}$'),
  name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_-]{0,49}$'),
  title text NOT NULL,
  -- IVR topics this queue takes; empty = any topic
  skills text[] NOT NULL DEFAULT '{}',
  -- [{"afterSeconds": 30, "action": "widen_skills"}, {"afterSeconds": 90, "action": "overflow", "to": ["federal"]}, ...]
  escalation jsonb NOT NULL DEFAULT '[]',
  callback_threshold_seconds integer NOT NULL DEFAULT 300 CHECK (callback_threshold_seconds >= 0),
  ring_timeout_seconds integer NOT NULL DEFAULT 20 CHECK (ring_timeout_seconds BETWEEN 5 AND 120),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, name)
);

-- An operator's working state. The user account belongs to platform/auth; this is the seat.
CREATE TABLE cc_agents (
  user_id bigint PRIMARY KEY,
  region_code text NOT NULL CHECK (region_code = 'federal' OR region_code ~ '^[0-9]{2}$'),
  skills text[] NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'offline' CHECK (state IN ('offline', 'ready', 'ringing', 'talking', 'wrap_up', 'break')),
  reason text,
  state_since timestamptz NOT NULL DEFAULT now(),
  -- when the operator last became free: routing prefers the longest idle
  idle_since timestamptz,
  call_id text,
  -- go on a break instead of ready after the current call
  break_after text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_agents_region_state_idx ON cc_agents (region_code, state);

-- Every state an operator was in, for occupancy and the supervisor's history.
CREATE TABLE cc_agent_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL,
  region_code text NOT NULL,
  state text NOT NULL,
  reason text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_agent_log_user_idx ON cc_agent_log (user_id, at);

-- The current state of each call, derived from its events (rebuildable from cc_call_events).
CREATE TABLE cc_calls (
  call_id text PRIMARY KEY,
  -- 'pending' until the offered event arrives (events may come out of order)
  state text NOT NULL CHECK (state IN ('pending', 'ivr', 'waiting', 'ringing', 'talking', 'wrap_up', 'ended', 'abandoned', 'callback_pending')),
  region_code text,
  queue_id bigint,
  -- the region whose queue holds the call now (differs from region_code after overflow)
  queue_region text,
  operator_id bigint,
  caller_hash text,
  caller_masked text,
  dialled text,
  topic text,
  offered_at timestamptz,
  queued_at timestamptz,
  ringing_at timestamptz,
  answered_at timestamptz,
  ended_at timestamptz,
  wrapped_at timestamptz,
  overflowed boolean NOT NULL DEFAULT false,
  callback boolean NOT NULL DEFAULT false,
  outcome text,
  topics text[] NOT NULL DEFAULT '{}',
  answers_used text[] NOT NULL DEFAULT '{}',
  note text,
  close_reason text,
  events integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_calls_region_offered_idx ON cc_calls (region_code, offered_at);
CREATE INDEX cc_calls_queue_region_state_idx ON cc_calls (queue_region, state);
CREATE INDEX cc_calls_caller_idx ON cc_calls (caller_hash, offered_at);
CREATE INDEX cc_calls_operator_idx ON cc_calls (operator_id, offered_at);

-- Raw events as received (and as the ACD and workstations added them). Never updated.
CREATE TABLE cc_call_events (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  call_id text NOT NULL CHECK (length(call_id) BETWEEN 1 AND 100),
  type text NOT NULL,
  at timestamptz NOT NULL,
  -- type-specific fields; a caller's number is stored only as hash and masked form
  data jsonb NOT NULL DEFAULT '{}',
  source text NOT NULL CHECK (source IN ('api', 'acd', 'workstation', 'system')),
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cc_call_events_call_idx ON cc_call_events (call_id, at);
CREATE INDEX cc_call_events_at_idx ON cc_call_events (at);
