-- A user's data exports (docs/privacy.md, "Your data"): made in the background by any
-- command-api instance (claimed with SKIP LOCKED, kept alive by a heartbeat, taken over when
-- it stops), stored in the media store under storage_key, deleted when they expire.
CREATE TABLE data_exports (
  export_id uuid PRIMARY KEY,
  user_id text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'ready', 'failed', 'expired')),
  done int NOT NULL DEFAULT 0,
  total int NOT NULL DEFAULT 0,
  size bigint,
  storage_key text,
  error text,
  attempts int NOT NULL DEFAULT 0,
  heartbeat_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  expires_at timestamptz
);
CREATE INDEX data_exports_user ON data_exports (user_id, created_at DESC);
CREATE INDEX data_exports_open ON data_exports (status) WHERE status IN ('queued', 'running');
