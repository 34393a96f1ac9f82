-- Patient lists, their entries and the append-only audit trail (SQLite).
CREATE TABLE lists (
  id             TEXT PRIMARY KEY,
  tenant_id      TEXT NOT NULL,
  context_kind   TEXT NOT NULL,
  context_id     TEXT NOT NULL,
  name           TEXT NOT NULL,
  columns        TEXT NOT NULL,            -- JSON array of column ids
  sort_column    TEXT,
  sort_direction TEXT,
  version        INTEGER NOT NULL DEFAULT 1,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX lists_by_context ON lists (tenant_id, context_kind, context_id);

CREATE TABLE entries (
  id              TEXT PRIMARY KEY,
  list_id         TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  tenant_id       TEXT NOT NULL,
  patient_id      TEXT,
  manual          TEXT,                    -- JSON ManualPatient
  display         TEXT NOT NULL,
  mrn             TEXT,
  dedupe_key      TEXT,                    -- one patient at most once per list
  note_text       TEXT,
  note_author     TEXT,
  note_updated_at TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  added_by        TEXT NOT NULL,
  added_at        TEXT NOT NULL
);
CREATE INDEX entries_by_list ON entries (list_id);
CREATE UNIQUE INDEX entries_one_patient_per_list ON entries (list_id, dedupe_key) WHERE dedupe_key IS NOT NULL;

CREATE TABLE audit_events (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  tenant_id    TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  type         TEXT NOT NULL,
  at           TEXT NOT NULL,
  list_id      TEXT,
  patient_id   TEXT,
  entry_id     TEXT,
  context_kind TEXT,
  context_id   TEXT
);
CREATE INDEX audit_by_list ON audit_events (tenant_id, list_id, seq);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
