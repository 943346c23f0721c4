-- contact-center: the support measures the navigator found eligible during a call, recorded with
-- its wrap-up (the navigator's measure ids) so reports can count which measures callers ask about,
-- by region.
ALTER TABLE cc_calls ADD COLUMN measures text[] NOT NULL DEFAULT '{}';

-- The batch write with the new column (as migration 0014 asks).
CREATE OR REPLACE FUNCTION cc_write_batch(p_events json, p_calls json, p_agents json, p_log json, p_publish json)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cc_call_events (id, call_id, type, at, data, source)
  SELECT id, call_id, type, at, data, source
    FROM json_to_recordset(p_events) AS x(id text, call_id text, type text, at timestamptz, data jsonb, source text);
  INSERT INTO cc_calls (call_id, state, region_code, queue_id, queue_region, origin_queue_id, operator_id, caller_hash, caller_masked, dialled, topic,
                        offered_at, queued_at, ringing_at, answered_at, ended_at, wrapped_at, overflowed, callback, outcome, topics,
                        answers_used, note, close_reason, events, routed_by_pbx, measures)
  SELECT call_id, state, region_code, queue_id, queue_region, origin_queue_id, operator_id, caller_hash, caller_masked, dialled, topic,
         offered_at, queued_at, ringing_at, answered_at, ended_at, wrapped_at, overflowed, callback, outcome, topics,
         answers_used, note, close_reason, events, routed_by_pbx, measures
    FROM json_populate_recordset(null::cc_calls, p_calls)
  ON CONFLICT (call_id) DO UPDATE SET
    state = excluded.state, region_code = excluded.region_code, queue_id = excluded.queue_id, queue_region = excluded.queue_region,
    origin_queue_id = excluded.origin_queue_id, operator_id = excluded.operator_id, caller_hash = excluded.caller_hash,
    caller_masked = excluded.caller_masked, dialled = excluded.dialled, topic = excluded.topic, offered_at = excluded.offered_at,
    queued_at = excluded.queued_at, ringing_at = excluded.ringing_at, answered_at = excluded.answered_at, ended_at = excluded.ended_at,
    wrapped_at = excluded.wrapped_at, overflowed = excluded.overflowed, callback = excluded.callback, outcome = excluded.outcome,
    topics = excluded.topics, answers_used = excluded.answers_used, note = excluded.note, close_reason = excluded.close_reason,
    events = excluded.events, routed_by_pbx = excluded.routed_by_pbx, measures = excluded.measures, updated_at = now();
  UPDATE cc_agents a
     SET state = x.state, reason = x.reason, call_id = x.call_id, idle_since = x.idle_since,
         break_after = x.break_after, state_since = x.state_since, updated_at = now()
    FROM json_to_recordset(p_agents) AS x(user_id bigint, state text, reason text, call_id text, idle_since timestamptz, break_after text, state_since timestamptz)
   WHERE a.user_id = x.user_id;
  INSERT INTO cc_agent_log (user_id, region_code, state, reason, at)
  SELECT user_id, region_code, state, reason, at
    FROM json_to_recordset(p_log) AS x(user_id bigint, region_code text, state text, reason text, at timestamptz);
  PERFORM events_publish(p_publish);
END
$$;
