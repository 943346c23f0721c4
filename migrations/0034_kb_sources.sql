-- An answer's responsible agency and its sources (laws, official pages), kept in each version like
-- the rest of what editors write, shown on the portal and to operators.
ALTER TABLE kb_versions ADD COLUMN agency text;
ALTER TABLE kb_versions ADD COLUMN sources jsonb NOT NULL DEFAULT '[]'::jsonb;
