-- Patient lists, their entries and the append-only audit trail (PostgreSQL).
CREATE TABLE lists (
  id             TEXT PRIMARY KEY,
  tenant_id      TEXT NOT NULL,
  context_kind   TEXT NOT NULL,
  context_id     TEXT NOT NULL,
  name           TEXT NOT NULL,
  columns        JSONB NOT NULL,
  sort_column    TEXT,
  sort_direction TEXT,
  version        INTEGER NOT NULL DEFAULT 1,
  created_by     TEXT NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX lists_by_context ON lists (tenant_id, context_kind, context_id);

CREATE TABLE entries (
  seq             BIGSERIAL UNIQUE,
  id              TEXT PRIMARY KEY,
  list_id         TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  tenant_id       TEXT NOT NULL,
  patient_id      TEXT,
  manual          JSONB,
  display         TEXT NOT NULL,
  mrn             TEXT,
  dedupe_key      TEXT,
  note_text       TEXT,
  note_author     TEXT,
  note_updated_at TIMESTAMPTZ,
  version         INTEGER NOT NULL DEFAULT 1,
  added_by        TEXT NOT NULL,
  added_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX entries_by_list ON entries (list_id, seq);
CREATE UNIQUE INDEX entries_one_patient_per_list ON entries (list_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE audit_events (
  seq          BIGSERIAL PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  tenant_id    TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  type         TEXT NOT NULL,
  at           TIMESTAMPTZ NOT NULL,
  list_id      TEXT,
  patient_id   TEXT,
  entry_id     TEXT,
  context_kind TEXT,
  context_id   TEXT
);
CREATE INDEX audit_by_list ON audit_events (tenant_id, list_id, seq);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only';
END;
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
