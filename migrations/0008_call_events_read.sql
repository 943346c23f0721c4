-- contact-center: one round trip to lock a batch's calls (against concurrent writers of the same
-- calls) and read what they have lived so far, plus any stored events reusing the batch's ids.
CREATE FUNCTION cc_lock_and_read(call_ids text[], event_ids text[])
RETURNS SETOF cc_call_events
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7122002, hashtext(x)) FROM (SELECT DISTINCT x FROM unnest(call_ids) x ORDER BY x) s;
  -- two index look-ups (an OR across the columns would scan the table)
  RETURN QUERY SELECT * FROM cc_call_events WHERE call_id = ANY(call_ids)
               UNION ALL
               SELECT * FROM cc_call_events WHERE id = ANY(event_ids) AND NOT call_id = ANY(call_ids);
END
$$;
