-- platform/events: the outbox's read as a function, so that its plan is kept between calls. Every
-- node reads the outbox after every commit; sent as SQL, the statement was parsed and planned each
-- time, which on the embedded database cost twice what running it did.
--
-- The horizon is the oldest transaction still running: every event of an older transaction is
-- committed or gone, so events after the cursor and below the horizon can be delivered in order.
-- (The rows are read with the same snapshot as the horizon: the function is STABLE.) With no event
-- to deliver, one row carries the horizon alone.
CREATE FUNCTION events_since(p_txid xid8, p_id bigint, p_limit int)
RETURNS TABLE (horizon text, id bigint, txid text, topic text, payload jsonb, created_at timestamptz)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
BEGIN
  RETURN QUERY
    SELECT v_horizon::text, e.id, e.txid::text, e.topic, e.payload, e.created_at
      FROM events e
     WHERE (e.txid, e.id) > (p_txid, p_id) AND e.txid < v_horizon
     ORDER BY e.txid, e.id
     LIMIT p_limit;
  IF NOT FOUND THEN
    RETURN QUERY SELECT v_horizon::text, NULL::bigint, NULL::text, NULL::text, NULL::jsonb, NULL::timestamptz;
  END IF;
END
$$;
