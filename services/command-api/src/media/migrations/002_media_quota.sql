-- The daily upload quota sums one owner's recent uploads.
CREATE INDEX IF NOT EXISTS media_owner_created ON media (owner_id, created_at);
