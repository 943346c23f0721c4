-- appeals: files sent with an answer. They are rows of ap_attachments like the citizen's, told apart
-- by comment_id (the answer's comment; the citizen's have none), which 0024 already has. What was
-- missing is an index on it: the citizen's look-up of an answer's file joins by it, and deleting a
-- comment (retention) must find the files that cascade from it without reading every file's row.
CREATE INDEX ap_attachments_comment_idx ON ap_attachments (comment_id) WHERE comment_id IS NOT NULL;
