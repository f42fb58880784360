-- Email verification, change of email and password reset (docs/accounts.md). Held here, not in
-- the log: tokens are secrets, and a new address must not enter the log in clear (issue #21).
ALTER TABLE credentials ADD COLUMN email_verified_at timestamptz;

-- One-time tokens mailed to an address, kept only as SHA-256 digests. `email` is the address
-- the token was mailed to: following the link proves it, and a change of email takes it.
CREATE TABLE account_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES credentials (user_id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'change_email', 'reset_password')),
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose);
