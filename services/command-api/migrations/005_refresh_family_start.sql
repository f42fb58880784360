-- A refresh-token family (one login) has an absolute lifetime counted from its first token;
-- rotation copies the start forward, so a session cannot slide on forever.
ALTER TABLE refresh_tokens ADD COLUMN family_started_at timestamptz;
UPDATE refresh_tokens t SET family_started_at = f.started
  FROM (SELECT family_id, min(created_at) AS started FROM refresh_tokens GROUP BY family_id) f
 WHERE t.family_id = f.family_id;
ALTER TABLE refresh_tokens ALTER COLUMN family_started_at SET NOT NULL, ALTER COLUMN family_started_at SET DEFAULT now();
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
