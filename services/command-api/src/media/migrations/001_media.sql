-- The media table itself is the command-api's (migrations/004_media.sql), applied before these.
-- A thumbnail's access follows the upload it was made for, found by this column.
CREATE INDEX IF NOT EXISTS media_thumbnail ON media (thumbnail_media_id) WHERE thumbnail_media_id IS NOT NULL;
-- The sweeper's search for expired unattached uploads.
CREATE INDEX IF NOT EXISTS media_unattached ON media (created_at) WHERE attached_at IS NULL;
