-- The audit trail refuses TRUNCATE too, not only UPDATE and DELETE: a statement-level trigger, so it holds for
-- the application's own role. (A superuser can still drop triggers: see the admin guide, "What is audited".)
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
