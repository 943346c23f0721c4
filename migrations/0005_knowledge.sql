-- knowledge module: approved answers with immutable versions, their review and publication,
-- the synonym dictionary, operators' feedback and what people search for.

CREATE TABLE kb_answers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,119}$'),
  -- 'federal', or a region code for a regional supplement shown under its federal answer there.
  scope text NOT NULL DEFAULT 'federal' CHECK (scope = 'federal' OR scope ~ '^[0-9]{2}$'),
  parent_id bigint REFERENCES kb_answers (id),
  -- The state of the working copy (the latest version): draft, in_review, published, archived.
  status text NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
  current_version integer NOT NULL,
  -- What operators and the portal see; NULL until first published.
  published_version integer,
  review_version integer,
  review_requested_by text,
  review_requested_at timestamptz,
  review_comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  first_published_at timestamptz,
  published_at timestamptz,
  published_by text,
  archived_at timestamptz,
  CHECK ((scope = 'federal') = (parent_id IS NULL))
);
CREATE INDEX kb_answers_parent_idx ON kb_answers (parent_id);
CREATE INDEX kb_answers_status_idx ON kb_answers (status);

-- Every change is a new row; rows are never updated.
CREATE TABLE kb_versions (
  answer_id bigint NOT NULL REFERENCES kb_answers (id),
  version integer NOT NULL CHECK (version >= 1),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 50000),
  section text NOT NULL CHECK (length(section) BETWEEN 1 AND 200),
  tags text[] NOT NULL DEFAULT '{}',
  audience text,
  alternatives text[] NOT NULL DEFAULT '{}',
  related text[] NOT NULL DEFAULT '{}',
  valid_from date,
  valid_until date,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  PRIMARY KEY (answer_id, version),
  CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);

-- "Answers sent to call centres": one row per publication, update or withdrawal.
CREATE TABLE kb_publications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  answer_id bigint NOT NULL REFERENCES kb_answers (id),
  version integer,
  kind text NOT NULL CHECK (kind IN ('new', 'update', 'archive')),
  section text NOT NULL,
  scope text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  by text
);
CREATE INDEX kb_publications_at_idx ON kb_publications (at);

CREATE TABLE kb_synonyms (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  terms text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 50),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

-- "This answer helped" marks by operators (and later citizens), used in ranking with decay.
CREATE TABLE kb_feedback (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  query text NOT NULL,
  normalized_query text NOT NULL,
  answer_id bigint NOT NULL REFERENCES kb_answers (id),
  helped boolean NOT NULL,
  user_id bigint,
  region text
);
CREATE INDEX kb_feedback_query_idx ON kb_feedback (normalized_query, at);
CREATE INDEX kb_feedback_at_idx ON kb_feedback (at);

-- Searches counted per day and normalised query (flushed in batches, not a row per search).
CREATE TABLE kb_query_stats (
  day date NOT NULL,
  normalized_query text NOT NULL,
  sample_query text NOT NULL,
  searches integer NOT NULL DEFAULT 0,
  empty integer NOT NULL DEFAULT 0,
  helped integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, normalized_query)
);
