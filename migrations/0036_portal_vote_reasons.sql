-- What portal readers say was missing from an answer after «Нет» to "did this help?": their words
-- (numbers and e-mails that could be someone's masked before they are written), the answer and the
-- day only — no account, no address. Read by editors in their queue.
CREATE TABLE portal_vote_reasons (
  id bigserial PRIMARY KEY,
  day date NOT NULL,
  slug text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_vote_reasons_day ON portal_vote_reasons (day, slug);
