-- platform/audit: a failed sign-in with an unknown username used to keep the typed text as its
-- target — often a password typed in the wrong field. Sign-ins no longer store it; the records kept
-- before lose it here (they still say when, from where, and that the username was unknown).
UPDATE audit_log SET target_id = NULL
 WHERE action = 'auth.login_failed' AND details->>'reason' = 'unknown_user' AND target_id IS NOT NULL;
