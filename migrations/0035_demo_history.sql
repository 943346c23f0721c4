-- monitoring module: demo mode's generated year of history (serve --demo on an empty folder),
-- planned once as twelve months and written a few days at a time; each step commits its rows
-- with the move of written_to, so a restart goes on from there and never counts a day twice.
CREATE TABLE mon_demo_history (
  chunk integer PRIMARY KEY CHECK (chunk BETWEEN 1 AND 12),
  -- each region's local dates [from_date, to_date): the year ends the day before the plan was made
  from_date date NOT NULL,
  to_date date NOT NULL CHECK (to_date > from_date),
  -- local dates [from_date, written_to) are written; the month is done when written_to = to_date
  written_to date NOT NULL CHECK (written_to BETWEEN from_date AND to_date),
  -- the model's calls on a day of weight 1 (an ordinary month's, before the weekday's factor)
  calls_per_day double precision NOT NULL CHECK (calls_per_day >= 0),
  -- the year's end: topics per 15-minute interval are written for its last two days only
  year_end date NOT NULL
);
