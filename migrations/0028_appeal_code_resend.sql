-- appeals: the status code kept sealed for a quarter of an hour after filing, so that the same
-- appeal sent again (a double click, a resubmission after the connection dropped) gets its code
-- shown again instead of losing it; cleared after that, leaving only the code's keyed hash.
ALTER TABLE ap_appeals ADD COLUMN code_sealed bytea;
