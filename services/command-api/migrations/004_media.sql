-- Uploaded media (written by the media upload routes); messages and avatars refer to rows
-- here by media_id, and attached_at records the first use.
CREATE TABLE media (
  media_id text PRIMARY KEY,
  owner_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'file')),
  content_type text NOT NULL,
  size bigint NOT NULL,
  width int,
  height int,
  duration_ms bigint,
  thumbnail_media_id text,
  file_name text,
  storage_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attached_at timestamptz
);
CREATE INDEX media_owner ON media (owner_id, created_at DESC);
