-- contact-center: a queue may close operators' wrap-up by itself after a number of seconds
-- (0 = at once, as soon as the call ends); NULL = the operator wraps up.
ALTER TABLE cc_queues ADD COLUMN wrap_up_seconds integer CHECK (wrap_up_seconds BETWEEN 0 AND 3600);

-- The calls still in progress, which the ACD looks at every second.
CREATE INDEX cc_calls_active_idx ON cc_calls (state) WHERE state IN ('waiting', 'ringing', 'wrap_up', 'callback_pending');
