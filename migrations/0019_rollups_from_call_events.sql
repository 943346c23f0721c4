-- monitoring: the rollups are folded from the contact centre's cc.calls.changed events (each changed
-- call's facts before and after, operators' moves), no longer from mon.fold events computed inside
-- its transactions. mon.fold events still waiting here are folded too (their transactions' change
-- events carry no facts: nothing counts twice).
--
-- The cursor gets a new name: a node still running the old code reads only mon.fold events and
-- would move the cursor past the new ones uncounted; with the name gone its folder fails (and
-- retries) instead, until it runs the new code too.
ALTER TABLE mon_fold_cursor RENAME TO mon_rollup_cursor;

-- The folder no longer reads by topic mon.fold alone.
DROP INDEX events_fold_idx;
