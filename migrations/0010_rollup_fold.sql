-- monitoring module: the rollups are folded from the outbox after each contact-centre commit
-- (events of topic mon.fold), no longer written inside it.

-- How far the folder has come: every mon.fold event before (txid, event_id) is counted. It starts
-- at this migration's horizon: changes committed before it were counted the old way.
CREATE TABLE mon_fold_cursor (
  id integer PRIMARY KEY CHECK (id = 1),
  txid xid8 NOT NULL,
  event_id bigint NOT NULL
);
INSERT INTO mon_fold_cursor (id, txid, event_id) VALUES (1, pg_snapshot_xmin(pg_current_snapshot()), 0);

-- A rebuild counted the transactions its snapshot saw for [from_ms, to_ms): their fold events
-- must not add those intervals again. Removed once the cursor is past the snapshot.
CREATE TABLE mon_fold_skips (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_ms bigint NOT NULL,
  to_ms bigint NOT NULL CHECK (to_ms > from_ms),
  snapshot pg_snapshot NOT NULL
);

-- The folder reads only its own events, in order.
CREATE INDEX events_fold_idx ON events (txid, id) WHERE topic = 'mon.fold';
