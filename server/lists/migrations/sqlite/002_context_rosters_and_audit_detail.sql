-- A channel list keeps its team (Microsoft 365 group ID) and a meeting list its chat: the rosters that decide
-- who sees them. Lists made before carry neither until a member opens them from Teams. Audit events gain a
-- detail (a search's criteria kinds, never their values).
ALTER TABLE lists ADD COLUMN team_id TEXT;
ALTER TABLE lists ADD COLUMN chat_id TEXT;
ALTER TABLE audit_events ADD COLUMN detail TEXT;
