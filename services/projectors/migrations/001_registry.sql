CREATE TABLE IF NOT EXISTS projections (
  name text NOT NULL,
  version int NOT NULL,
  generation int NOT NULL DEFAULT 0,
  storage text NOT NULL CHECK (storage IN ('postgres', 'elasticsearch')),
  topics text[] NOT NULL,
  status text NOT NULL CHECK (status IN ('building', 'live', 'retired')),
  views text[] NOT NULL DEFAULT '{}',
  relations text[] NOT NULL DEFAULT '{}',
  started_at timestamptz NOT NULL DEFAULT now(),
  live_at timestamptz,
  retired_at timestamptz,
  dropped_at timestamptz,
  PRIMARY KEY (name, version, generation)
);
CREATE UNIQUE INDEX IF NOT EXISTS projections_one_live ON projections (name) WHERE status = 'live';

CREATE TABLE IF NOT EXISTS projection_checkpoints (
  projection text NOT NULL,
  version int NOT NULL,
  generation int NOT NULL DEFAULT 0,
  topic text NOT NULL,
  partition int NOT NULL,
  next_offset bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projection, version, generation, topic, partition)
);

-- A dead letter re-applied by hand (CLI) is recorded in the same transaction as its writes,
-- so retrying it twice applies it once.
CREATE TABLE IF NOT EXISTS projection_deadletter_retries (
  deadletter_offset bigint NOT NULL,
  projection text NOT NULL,
  version int NOT NULL,
  generation int NOT NULL,
  retried_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deadletter_offset, projection)
);
