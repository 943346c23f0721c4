-- The hottest writes as PL/pgSQL functions: a function's statements are planned once per
-- connection and their plans kept, where the same statements sent as SQL are parsed and planned on
-- every call (on the embedded database that halved a telephony batch's write).

-- platform/events: the outbox write with its wake-up NOTIFY, for writers calling from their own
-- function. A NOTIFY is a wake-up, not a message: one per transaction is enough. (Parameters are
-- named p_…: plain names would clash with column names.)
CREATE FUNCTION events_publish(p_events json)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF json_array_length(p_events) = 0 THEN RETURN; END IF;
  INSERT INTO events (topic, payload) SELECT topic, payload FROM json_to_recordset(p_events) AS x(topic text, payload jsonb);
  PERFORM pg_notify('otvet_events', 'events');
END
$$;

-- contact-center: everything one batch of call events writes — the events, the calls as folded
-- again, their operators' states and state log, the outbox. The calls' columns are cc_calls' own:
-- a migration that adds one to cc_calls adds it here too.
CREATE FUNCTION cc_write_batch(p_events json, p_calls json, p_agents json, p_log json, p_publish json)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO cc_call_events (id, call_id, type, at, data, source)
  SELECT id, call_id, type, at, data, source
    FROM json_to_recordset(p_events) AS x(id text, call_id text, type text, at timestamptz, data jsonb, source text);
  INSERT INTO cc_calls (call_id, state, region_code, queue_id, queue_region, origin_queue_id, operator_id, caller_hash, caller_masked, dialled, topic,
                        offered_at, queued_at, ringing_at, answered_at, ended_at, wrapped_at, overflowed, callback, outcome, topics,
                        answers_used, note, close_reason, events)
  SELECT call_id, state, region_code, queue_id, queue_region, origin_queue_id, operator_id, caller_hash, caller_masked, dialled, topic,
         offered_at, queued_at, ringing_at, answered_at, ended_at, wrapped_at, overflowed, callback, outcome, topics,
         answers_used, note, close_reason, events
    FROM json_populate_recordset(null::cc_calls, p_calls)
  ON CONFLICT (call_id) DO UPDATE SET
    state = excluded.state, region_code = excluded.region_code, queue_id = excluded.queue_id, queue_region = excluded.queue_region,
    origin_queue_id = excluded.origin_queue_id, operator_id = excluded.operator_id, caller_hash = excluded.caller_hash,
    caller_masked = excluded.caller_masked, dialled = excluded.dialled, topic = excluded.topic, offered_at = excluded.offered_at,
    queued_at = excluded.queued_at, ringing_at = excluded.ringing_at, answered_at = excluded.answered_at, ended_at = excluded.ended_at,
    wrapped_at = excluded.wrapped_at, overflowed = excluded.overflowed, callback = excluded.callback, outcome = excluded.outcome,
    topics = excluded.topics, answers_used = excluded.answers_used, note = excluded.note, close_reason = excluded.close_reason,
    events = excluded.events, updated_at = now();
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
