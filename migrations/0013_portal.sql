-- portal module: how often each answer is read, and whether readers found it helpful. Counts per
-- answer and day only: no cookies, addresses or anything else about the reader.

CREATE TABLE portal_views (
  day date NOT NULL,
  slug text NOT NULL,
  views bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, slug)
);

CREATE TABLE portal_votes (
  day date NOT NULL,
  slug text NOT NULL,
  helped integer NOT NULL DEFAULT 0,
  not_helped integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, slug)
);
