-- appeal mail: e-mail notices to appellants about their appeals (registered, answered, rejected,
-- redirected, extended — 59-FZ art. 12 p. 2 —, a message from the organisation). The appeals
-- module's notifier reads its appeals.changed events from the outbox after commit (a durable
-- consumer: its own cursor, moved in the transaction that writes the notices) and writes one row per
-- event; the sender of one node sends it with retries. The recipient and the body are personal data
-- (the body quotes the answer): both sealed with the platform's vault, bound to the row
-- (appeal-mail:<id>:to, appeal-mail:<id>:body).
CREATE TABLE ap_mail (
  id bigserial PRIMARY KEY,
  -- the outbox event it tells of: one row per event, whatever happens to the cursor
  event_id bigint NOT NULL UNIQUE,
  appeal_number text NOT NULL REFERENCES ap_appeals (number) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('registered', 'answered', 'rejected', 'redirected', 'extended', 'message')),
  recipient bytea NOT NULL,
  -- the appeal's number and what happened: no personal data
  subject text NOT NULL,
  body bytea NOT NULL,
  created_at timestamptz NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- why the last attempt failed: codes and the server's reply with addresses masked
  last_error text,
  sent_at timestamptz,
  -- given up: refused for good by the server, or too many attempts
  failed_at timestamptz,
  -- how it went: 'smtp', or 'demo' (kept here, shown at /demo/mailbox in demo mode)
  transport text CHECK (transport IN ('smtp', 'demo'))
);
CREATE INDEX ap_mail_due_idx ON ap_mail (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX ap_mail_appeal_idx ON ap_mail (appeal_number);

-- How far the notifier has come: every appeals.changed event before (txid, event_id) has its notice
-- written, or needed none. It starts at this migration's horizon.
CREATE TABLE ap_mail_cursor (
  id integer PRIMARY KEY CHECK (id = 1),
  txid xid8 NOT NULL,
  event_id bigint NOT NULL
);
INSERT INTO ap_mail_cursor (id, txid, event_id) VALUES (1, pg_snapshot_xmin(pg_current_snapshot()), 0);
