-- The credentials row is also the uniqueness reservation of its username and email
-- (CONSISTENCY.md pattern D): inserted as 'claimed' before UserRegistered is appended,
-- marked 'registered' once the broker acknowledged it, deleted if the append failed.
CREATE TABLE credentials (
  user_id text PRIMARY KEY,
  username text NOT NULL,
  email text NOT NULL,
  password_hash text NOT NULL,
  status text NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'registered')),
  attempt_id uuid NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  registered_at timestamptz,
  CONSTRAINT credentials_username_key UNIQUE (username),
  CONSTRAINT credentials_email_key UNIQUE (email)
);
