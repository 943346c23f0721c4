-- navigator: the support measures and the questions they ask, edited with review like the
-- knowledge base's answers (draft -> in_review -> published -> archived). One entry per question
-- (key = its var) and per measure (key = its id); each save is a new immutable version whose
-- content is the entry as data/demo/navigator/*.json writes it.

CREATE TABLE nv_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('question', 'measure')),
  key text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  -- The state of the working copy (the latest version).
  status text NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
  current_version integer NOT NULL,
  -- What the wizard, the operators' panel and the HSDS export use; NULL until published, and once archived.
  published_version integer,
  review_version integer,
  review_requested_by text,
  review_requested_at timestamptz,
  review_comment text,
  -- Questions: the tie-break order of the next question; measures: the order they are listed in.
  position integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  published_by text,
  archived_at timestamptz,
  UNIQUE (kind, key)
);
CREATE INDEX nv_entries_status_idx ON nv_entries (status);

-- Every change is a new row; rows are never updated.
CREATE TABLE nv_versions (
  entry_id bigint NOT NULL REFERENCES nv_entries (id),
  version integer NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  PRIMARY KEY (entry_id, version)
);
