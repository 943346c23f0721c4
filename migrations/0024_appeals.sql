-- appeals: citizens' written appeals under 59-FZ (complaints, requests for support, volunteer
-- enrolment, questions to a state body). Appeal types and the organisations that answer them are
-- data; an appeal's personal data (name, contacts, address, its text and field values, files) is
-- sealed with the platform's vault (pd_data_keys) and never stored in plain form.

-- The organisations (agencies) that answer appeals: a region's, or federal (region_code null).
CREATE TABLE ap_organisations (
  id serial PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  region_code text REFERENCES regions (code),
  -- IANA zone its deadlines are counted in; null: its region's (Moscow's for a federal one)
  timezone text,
  email text,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Appeal types: the form's fields, deadline rules and the consent text, as the admins edit them.
CREATE TABLE ap_types (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- [{code, label, kind, required, options?, min?, max?, maxLength?, pattern?, personal?}]
  fields jsonb NOT NULL,
  -- {registerDays, forwardDays, answerDays, maxExtensionDays, redirectRestarts}
  deadlines jsonb NOT NULL,
  consent_text text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who answers a type in a region ('*': any region without a row of its own).
CREATE TABLE ap_routes (
  type_code text NOT NULL REFERENCES ap_types (code) ON UPDATE CASCADE ON DELETE CASCADE,
  region_code text NOT NULL CHECK (region_code = '*' OR region_code ~ '^[0-9]{2}$'),
  organisation_id int NOT NULL REFERENCES ap_organisations (id),
  PRIMARY KEY (type_code, region_code)
);

-- Agency officers and the organisation they work for (users are the platform's; this is the link).
CREATE TABLE ap_officers (
  user_id bigint PRIMARY KEY,
  organisation_id int NOT NULL REFERENCES ap_organisations (id)
);

-- Appeal numbers: 122-<year>-<six digits>, one sequence per year.
CREATE TABLE ap_numbers (
  year int PRIMARY KEY,
  last int NOT NULL
);

CREATE TABLE ap_appeals (
  id bigserial PRIMARY KEY,
  number text NOT NULL UNIQUE,
  type_code text NOT NULL REFERENCES ap_types (code) ON UPDATE CASCADE,
  -- the citizen's region (the appeal is about it), and who answers it now
  region_code text NOT NULL REFERENCES regions (code),
  organisation_id int NOT NULL REFERENCES ap_organisations (id),
  channel text NOT NULL CHECK (channel IN ('portal', 'operator', 'api', 'open311')),
  status text NOT NULL CHECK (status IN ('registered', 'forwarded', 'in_progress', 'answered', 'closed', 'rejected', 'redirected')),
  -- the secret status code given to the citizen: only its keyed hash
  code_hash bytea NOT NULL,
  received_at timestamptz NOT NULL,
  registered_at timestamptz NOT NULL,
  forward_by timestamptz NOT NULL,
  answer_by timestamptz NOT NULL,
  -- answer_by's local date in the organisation's zone (lists by due date need no zone arithmetic)
  answer_by_date date NOT NULL,
  extended_at timestamptz,
  answered_at timestamptz,
  closed_at timestamptz,
  -- the call it was taken during (operator channel)
  call_id text,
  -- the sealed personal part: {name, phone, email, address, text, values}
  sealed bytea NOT NULL,
  -- what lists show: masked name, phone and e-mail (no plain value)
  masked jsonb NOT NULL,
  -- keyed hash of person + type + text: the same appeal twice in a day gets the first one's number
  dedupe_hash bytea NOT NULL,
  -- the consent as shown and accepted: {text, at}
  consent jsonb NOT NULL,
  -- the citizen's e-mail for notices is in sealed; this says whether there is one
  notify boolean NOT NULL DEFAULT false,
  -- personal data removed by the retention command (the appeal's figures stay)
  anonymised_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ap_appeals_org_due_idx ON ap_appeals (organisation_id, status, answer_by);
CREATE INDEX ap_appeals_region_due_idx ON ap_appeals (region_code, status, answer_by);
CREATE INDEX ap_appeals_dedupe_idx ON ap_appeals (dedupe_hash, received_at);
CREATE INDEX ap_appeals_registered_idx ON ap_appeals (registered_at);

-- Everything that happened to an appeal, in order; never rewritten.
CREATE TABLE ap_history (
  id bigserial PRIMARY KEY,
  appeal_id bigint NOT NULL REFERENCES ap_appeals (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  -- null: the citizen or the system
  actor_id bigint,
  action text NOT NULL,
  from_status text,
  to_status text,
  -- no personal data here (reasons, organisation ids, due dates)
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX ap_history_appeal_idx ON ap_history (appeal_id, id);

-- Comments: internal, or visible to the citizen (the answer is one, marked so); their text sealed.
CREATE TABLE ap_comments (
  id bigserial PRIMARY KEY,
  appeal_id bigint NOT NULL REFERENCES ap_appeals (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  author_id bigint,
  visibility text NOT NULL CHECK (visibility IN ('internal', 'citizen')),
  is_answer boolean NOT NULL DEFAULT false,
  sealed bytea NOT NULL
);
CREATE INDEX ap_comments_appeal_idx ON ap_comments (appeal_id, id);

-- Files: the citizen's, or attached to a comment (an answer's); content and name sealed.
CREATE TABLE ap_attachments (
  id bigserial PRIMARY KEY,
  appeal_id bigint NOT NULL REFERENCES ap_appeals (id) ON DELETE CASCADE,
  comment_id bigint REFERENCES ap_comments (id) ON DELETE CASCADE,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf')),
  size int NOT NULL CHECK (size BETWEEN 1 AND 10485760),
  sealed_name bytea NOT NULL,
  sealed bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ap_attachments_appeal_idx ON ap_attachments (appeal_id);
