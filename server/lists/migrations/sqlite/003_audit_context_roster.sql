-- An audit event keeps its context's roster (a channel's team, a meeting's chat), so a deleted shared list's
-- trail is still checked against the right members.
ALTER TABLE audit_events ADD COLUMN context_roster TEXT;
