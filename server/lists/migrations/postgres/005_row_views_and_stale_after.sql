-- What each user last saw of each row: per column, a hash of the displayed values (never the values), when they
-- marked it seen, and the latest hashes shown to them. Rows answer with the columns that differ (issue #12).
CREATE TABLE row_views (
  list_id     TEXT NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  entry_id    TEXT NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
  tenant_id   TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  seen        JSONB NOT NULL,
  seen_at     TIMESTAMPTZ NOT NULL,
  latest      JSONB NOT NULL,
  latest_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (list_id, user_id, entry_id)
);
CREATE INDEX row_views_by_entry ON row_views (entry_id);

-- Values older than this many hours are greyed in the list (default 24).
ALTER TABLE lists ADD COLUMN stale_after_hours INTEGER;
