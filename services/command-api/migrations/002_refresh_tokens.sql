-- Only a SHA-256 of each refresh token is kept. Every token descends from one login (its
-- family); presenting a token that was already rotated revokes the whole family.
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id uuid NOT NULL,
  user_id text NOT NULL REFERENCES credentials (user_id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
