-- appeals: the coordination centre's figures of appeals (by region, type, organisation, channel and
-- the region's local day; answers on time; open and overdue per region) read from narrow indexes,
-- never from the wide rows (their sealed personal part): a year of appeals is an index-only scan.
-- Filings in a span: registered_at, with what they are counted by.
DROP INDEX ap_appeals_registered_idx;
CREATE INDEX ap_appeals_registered_idx ON ap_appeals (registered_at) INCLUDE (region_code, type_code, organisation_id, channel);
-- Answers given in a span, on time or late.
CREATE INDEX ap_appeals_answered_idx ON ap_appeals (answered_at) INCLUDE (region_code, answer_by) WHERE answered_at IS NOT NULL;
-- (open and overdue per region: ap_appeals_region_due_idx, region_code, status, answer_by, as it is)
