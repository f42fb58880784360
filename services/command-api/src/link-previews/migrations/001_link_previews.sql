-- One row per previewed URL (normalised, without fragment): the preview, or why there is none.
-- `pending` is a claim: the instance that inserted it fetches, the others wait for the row;
-- a claim past expires_at (its fetcher died) may be taken over, as may an expired entry.
CREATE TABLE IF NOT EXISTS link_previews (
  url text PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  state text NOT NULL CHECK (state IN ('pending', 'ready', 'none', 'refused')),
  title text,
  description text,
  site_name text,
  image_key text,
  reason text,
  fetched_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
