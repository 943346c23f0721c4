-- appeals: notices to organisations as well as to appellants. An organisation with an e-mail
-- address is told of each appeal routed or redirected to it (number, type, due date; no personal
-- data), so one event may now write two notices: one per audience.
ALTER TABLE ap_mail ADD COLUMN audience text NOT NULL DEFAULT 'citizen' CHECK (audience IN ('citizen', 'organisation'));
ALTER TABLE ap_mail DROP CONSTRAINT ap_mail_event_id_key;
ALTER TABLE ap_mail ADD CONSTRAINT ap_mail_event_audience_key UNIQUE (event_id, audience);
