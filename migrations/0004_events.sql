-- platform/events: the outbox. A module writes its rows and its events in one transaction; each
-- app node delivers committed events, in commit-safe order, to its in-process subscribers.

CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The writing transaction: rows are delivered only once every older transaction has ended,
  -- so a slow transaction's event is never skipped by a faster one's.
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  topic text NOT NULL CHECK (topic ~ '^[a-z_]+(\.[a-z_]+)+$'),
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_txid_idx ON events (txid, id);
CREATE INDEX events_created_idx ON events (created_at);
